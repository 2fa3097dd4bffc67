// Compress each GS1 Digital Link given on stdin (one per line) with GS1's toolkit; one per line out.
const { Utils } = require("digital-link.js");
const lines = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
for (const uri of lines) console.log(Utils.compressWebUri(uri));
