/**
 * Python's text tools ported exactly, for scorers that must give a Python reference's verdicts
 * offline: NLTK's English Punkt sentence tokenizer and `word_tokenize`, and the Python `str`/`re`
 * semantics JavaScript lacks.
 *
 * @module
 */
export { englishPunktParameters, type PunktParameters, sentenceTokenize } from "./punkt.ts";
export { treebankTokenize, wordTokenize } from "./treebank.ts";
export * from "./py_str.ts";
