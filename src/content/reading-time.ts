import { type Block, blockText, type UnfinishedBlock } from "./blocks.js";

/**
 * Reading speed used for "N Min Read": 238 words per minute, the average silent reading rate
 * for non-fiction in adults (Brysbaert, 2019, Journal of Memory and Language 109).
 */
export const WORDS_PER_MINUTE = 238;

/** Counts words the way a reader perceives them: runs of letters or digits, apostrophes inside. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Minutes to read a body at WORDS_PER_MINUTE, rounded up, at least 1. */
export function readingMinutes(body: readonly (Block | UnfinishedBlock)[]): number {
  const words = body.reduce((n, block) => n + countWords(blockText(block)), 0);
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}
