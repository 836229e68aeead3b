// Zod compiles fast object parsers with `new Function` unless told not to. The admin app's
// Content-Security-Policy forbids eval (script-src 'self'), and even Zod's probe for it shows as
// a policy violation. main.tsx imports this first, so it runs before any schema is built.
import { z } from "zod";

z.config({ jitless: true });
