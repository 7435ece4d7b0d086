// The App API as a table: each method of the contract mapped onto the free
// function of its feature (documents, markdown, review, comments, word,
// search). The functions share one context: database, clock, user, templates.
import type { ParaafApi, Result } from './contract.js'
import { createContext, ok, type ContextOptions, type ServiceContext } from './context.js'
import * as documents from './documents.js'
import * as markdown from './markdown.js'
import * as review from './review.js'
import * as comments from './comments.js'
import * as word from './word.js'
import { search } from './search.js'
import * as rounds from './rounds.js'

export type ServiceOptions = ContextOptions

/** Builds the service; every method returns a Result and throws only on bugs. */
export function createService(options: ServiceOptions): ParaafApi {
  const ctx = createContext(options)
  // The contract is asynchronous (IPC and HTTP are); most features are not.
  const run = <I, T>(fn: (ctx: ServiceContext, input: I) => Result<T> | Promise<Result<T>>) => async (input: I) => fn(ctx, input)
  return {
    listTemplates: async () => ok(ctx.templates),
    listDocuments: run(documents.listDocuments),
    createDocument: run(documents.createDocument),
    openDocument: run(documents.openDocument),
    saveVersion: run(documents.saveVersion),
    listVersions: run(documents.listVersions),
    restoreVersion: run(documents.restoreVersion),
    importMarkdown: run(markdown.importMarkdown),
    saveMarkdownVersion: run(markdown.saveMarkdownVersion),
    exportMarkdown: run(markdown.exportMarkdown),
    compareVersions: run(review.compareVersions),
    compareMarkdown: run(markdown.compareMarkdown),
    reviewChanges: run(review.reviewChanges),
    listComments: run(comments.listComments),
    addComment: run(comments.addComment),
    commentOnQuote: run(comments.commentOnQuote),
    replyComment: run(comments.replyComment),
    editComment: run(comments.editComment),
    deleteComment: run(comments.deleteComment),
    setCommentResolved: run(comments.setCommentResolved),
    exportDocx: run(word.exportDocx),
    importDocx: run(word.importDocx),
    search: run(search),
    getSettings: async () => documents.getSettings(ctx),
    setSettings: run(documents.setSettings),
    checkDatabase: async () => documents.checkDatabase(ctx),
    startRound: run(rounds.startRound),
    listRounds: run(rounds.listRounds),
    importReturn: run(rounds.importReturn),
    roundProposals: run(rounds.roundProposals),
    decideProposals: run(rounds.decideProposals),
    applyRound: run(rounds.applyRound),
    roundReport: run(rounds.roundReport),
  }
}
