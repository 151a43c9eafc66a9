//! copydesk: a copy desk for drafts — unattributed quotes, broken URLs, inconsistent figures.
//!
//! The crate is a pure engine ([`engine`], [`document`], [`checks`], [`config`], [`position`])
//! wrapped by thin shells that do the I/O: [`cli`] (`copydesk check`/`fix`). See ARCHITECTURE.md.

pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod figures;
pub mod links;
pub mod lsp;
pub mod position;
pub mod quotes;
pub mod suppress;
pub(crate) mod wordhash;

pub use config::Config;
pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use document::{DocKind, Document};
