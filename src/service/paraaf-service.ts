// The App API as a table: each method of the contract mapped onto the free
// function of its feature (documents, markdown, review, comments, word,
// search). The functions share one context: database, clock, user, templates.
import type { ParaafApi } from './contract.js'
import { createContext, ok, type ContextOptions } from './context.js'

export type ServiceOptions = ContextOptions

/** A feature module, loaded the first time one of its methods is called. */
function lazy<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined
  return () => (loading ??= load())
}

// Loaded on first use: a command-line call (`paraaf list`) reads only the
// modules it needs, not the Word library or the merge engine.
const documents = lazy(() => import('./documents.js'))
const markdown = lazy(() => import('./markdown.js'))
const review = lazy(() => import('./review.js'))
const comments = lazy(() => import('./comments.js'))
const word = lazy(() => import('./word.js'))
const search = lazy(() => import('./search.js'))
const rounds = lazy(() => import('./rounds.js'))
const parafen = lazy(() => import('./parafen.js'))
const manage = lazy(() => import('./manage.js'))
const woo = lazy(() => import('./woo.js'))
const spelling = lazy(() => import('./spelling.js'))

/** Builds the service; every method returns a Result and throws only on bugs. */
export function createService(options: ServiceOptions): ParaafApi {
  const ctx = createContext(options)
  // The contract is asynchronous (IPC and HTTP are); most features are not.
  return {
    listTemplates: async () => ok(ctx.templates),
    listDocuments: async (input) => (await documents()).listDocuments(ctx, input),
    createDocument: async (input) => (await documents()).createDocument(ctx, input),
    openDocument: async (input) => (await documents()).openDocument(ctx, input),
    saveVersion: async (input) => (await documents()).saveVersion(ctx, input),
    listVersions: async (input) => (await documents()).listVersions(ctx, input),
    restoreVersion: async (input) => (await documents()).restoreVersion(ctx, input),
    importMarkdown: async (input) => (await markdown()).importMarkdown(ctx, input),
    saveMarkdownVersion: async (input) => (await markdown()).saveMarkdownVersion(ctx, input),
    exportMarkdown: async (input) => (await markdown()).exportMarkdown(ctx, input),
    compareVersions: async (input) => (await review()).compareVersions(ctx, input),
    attributeChanges: async (input) => (await review()).attributeChanges(ctx, input),
    attributeComparison: async (input) => (await review()).attributeComparison(ctx, input),
    compareMarkdown: async (input) => (await markdown()).compareMarkdown(ctx, input),
    reviewChanges: async (input) => (await review()).reviewChanges(ctx, input),
    listComments: async (input) => (await comments()).listComments(ctx, input),
    addComment: async (input) => (await comments()).addComment(ctx, input),
    commentOnQuote: async (input) => (await comments()).commentOnQuote(ctx, input),
    replyComment: async (input) => (await comments()).replyComment(ctx, input),
    editComment: async (input) => (await comments()).editComment(ctx, input),
    deleteComment: async (input) => (await comments()).deleteComment(ctx, input),
    setCommentResolved: async (input) => (await comments()).setCommentResolved(ctx, input),
    exportDocx: async (input) => (await word()).exportDocx(ctx, input),
    importDocx: async (input) => (await word()).importDocx(ctx, input),
    search: async (input) => (await search()).search(ctx, input),
    getSettings: async () => (await documents()).getSettings(ctx),
    setSettings: async (input) => (await documents()).setSettings(ctx, input),
    checkDatabase: async () => (await documents()).checkDatabase(ctx),
    startRound: async (input) => (await rounds()).startRound(ctx, input),
    listRounds: async (input) => (await rounds()).listRounds(ctx, input),
    importReturn: async (input) => (await rounds()).importReturn(ctx, input),
    roundProposals: async (input) => (await rounds()).roundProposals(ctx, input),
    decideProposals: async (input) => (await rounds()).decideProposals(ctx, input),
    applyRound: async (input) => (await rounds()).applyRound(ctx, input),
    roundReport: async (input) => (await rounds()).roundReport(ctx, input),
    getParafen: async (input) => (await parafen()).getParafen(ctx, input),
    setRoute: async (input) => (await parafen()).setRoute(ctx, input),
    approve: async (input) => (await parafen()).approve(ctx, input),
    withdrawParaaf: async (input) => (await parafen()).withdrawParaaf(ctx, input),
    verifyDocx: async (input) => (await parafen()).verifyDocx(ctx, input),
    confirmUnchanged: async (input) => (await parafen()).confirmUnchanged(ctx, input),
    paraafblad: async (input) => (await parafen()).paraafblad(ctx, input),
    renameDocument: async (input) => (await manage()).renameDocument(ctx, input),
    changeDocumentType: async (input) => (await manage()).changeDocumentType(ctx, input),
    copyDocument: async (input) => (await manage()).copyDocument(ctx, input),
    deleteDocument: async (input) => (await manage()).deleteDocument(ctx, input),
    undeleteDocument: async (input) => (await manage()).undeleteDocument(ctx, input),
    emptyTrash: async () => (await manage()).emptyTrash(ctx),
    suggestRedactions: async (input) => (await woo()).suggestRedactions(ctx, input),
    redact: async (input) => (await woo()).redactQuote(ctx, input),
    redactAcross: async (input) => (await woo()).redactAcross(ctx, input),
    removeRedaction: async (input) => (await woo()).removeRedaction(ctx, input),
    listRedactions: async (input) => (await woo()).redactionsOf(ctx, input),
    publish: async (input) => (await woo()).publish(ctx, input),
    wooInventory: async (input) => (await woo()).wooInventory(ctx, input),
    getWooNames: async () => (await woo()).getWooNames(ctx),
    setWooNames: async (input) => (await woo()).setWooNames(ctx, input),
    checkSpelling: async (input) => (await spelling()).checkSpelling(ctx, input),
    spellingSuggestions: async (input) => (await spelling()).spellingSuggestions(ctx, input),
    listDictionary: async () => (await spelling()).listDictionary(ctx),
    changeDictionary: async (input) => (await spelling()).changeDictionary(ctx, input),
    documentSpelling: async (input) => (await spelling()).documentSpelling(ctx, input),
  }
}
