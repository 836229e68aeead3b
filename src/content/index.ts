// The domain: schemas and pure functions. Nothing here performs I/O.
export * from "./article.js";
export * from "./blocks.js";
export * from "./comment.js";
export * from "./errors.js";
export * from "./ids.js";
export * from "./inline.js";
export * from "./licenses.js";
export * from "./media.js";
export * from "./person.js";
export * from "./reading-time.js";
export * from "./section.js";
export * from "./settings.js";
export * from "./slug.js";
export * from "./tag.js";
export * from "./tracker.js";
export * from "./validate.js";
