//! Build script: the git commit the binary is built from, for `copydesk --version`
//! (`VERGEN_GIT_SHA`, short; left out when the source is not a git checkout, as from crates.io).

use std::process::Command;

use vergen_gitcl::{Emitter, Gitcl};

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let git_sha = Gitcl::builder().sha(true).build();
    Emitter::default().add_instructions(&git_sha)?.emit()?;
    // vergen watches HEAD and the branch under `--git-dir`; in a `git worktree` the branch lives
    // in the common folder, so a commit there would not rebuild: watch it too.
    if let (Some(common), Some(branch)) =
        (git(&["rev-parse", "--git-common-dir"]), git(&["symbolic-ref", "-q", "HEAD"]))
    {
        let common = std::path::Path::new(&common);
        for watched in [common.join(&branch), common.join("packed-refs")] {
            if watched.exists() {
                println!("cargo:rerun-if-changed={}", watched.display());
            }
        }
    }
    Ok(())
}
