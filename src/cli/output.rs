//! Output formats: human, json, sarif, github.
