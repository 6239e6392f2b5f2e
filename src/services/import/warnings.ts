/**
 * What an import says about a document besides its postings, as codes with their parameters: the report
 * words them in the reader's language (`import.warning.<code>`), `--json` shows them as they are.
 */
export type ImportWarning =
  /** Over the parse budget: only the sections naming requirements or roles were read. */
  | { code: 'large' }
  /** A requirements list that belongs to no company entry. */
  | { code: 'outside'; line: number }
  /** A posting's link that is not an http(s) address; the posting is kept without it. */
  | { code: 'bad-link'; line: number; company: string };

export type ImportWarningCode = ImportWarning['code'];
