//! Build script: the git commit the binary is built from, for `copydesk --version`
//! (`VERGEN_GIT_SHA`, short; left out when the source is not a git checkout, as from crates.io).

use vergen_gitcl::{Emitter, Gitcl};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let git = Gitcl::builder().sha(true).build();
    Emitter::default().add_instructions(&git)?.emit()?;
    Ok(())
}
