// Every migration in order; migration N brings the database to user_version N.
import type { Database } from 'better-sqlite3'
import createDocuments from './0001-create-documents.js'
import addComments from './0002-add-comments.js'
import addSearch from './0003-add-search.js'
import currentTextAndIndexTriggers from './0004-current-text-and-index-triggers.js'
import addReviewRounds from './0005-add-review-rounds.js'
import roundDeadlineMoment from './0006-round-deadline-moment.js'
import smallerStore from './0007-smaller-store.js'
import addParafen from './0008-add-parafen.js'
import documentTrash from './0009-document-trash.js'
import addPublications from './0010-add-publications.js'
import commentAuthorId from './0011-comment-author-id.js'
import personalDictionary from './0012-personal-dictionary.js'
import emptiedTrash from './0013-emptied-trash.js'
import wordRevisions from './0014-word-revisions.js'

export const migrations: ((db: Database) => void)[] = [createDocuments, addComments, addSearch, currentTextAndIndexTriggers, addReviewRounds, roundDeadlineMoment, smallerStore, addParafen, documentTrash, addPublications, commentAuthorId, personalDictionary, emptiedTrash, wordRevisions]
