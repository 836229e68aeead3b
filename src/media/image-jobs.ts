// The jobs an image worker process runs (loaded by image-child.ts once its priority is lowered).
import sharp from "sharp";
import workerpool from "workerpool";
import { processImageFile } from "./process.js";

// One libvips thread per job, and no cache of decoded images between jobs: the worker's memory
// is one job's, and the server's other cores stay free.
sharp.concurrency(1);
sharp.cache(false);

workerpool.worker({ processImageFile });
