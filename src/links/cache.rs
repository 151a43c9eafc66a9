//! The verdict cache on disk: one JSON file in the cache folder, shared by the CLI and the server.
//!
//! Writes are atomic (a temporary file in the same folder, flushed, then renamed over the old
//! one), so a reader never sees half a file. Two processes writing at once are serialized by an
//! exclusive lock on a separate lock file; each writer re-reads the file under the lock and
//! merges its entries into it (the newer check of a URL wins), so neither loses the other's.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::checks::url_live::Verdict;
use crate::config::Links;

/// The cache file's name inside the cache folder; the version changes with its format.
pub const FILE_NAME: &str = "links-v1.json";
const LOCK_NAME: &str = "links.lock";

/// What is known of one page (a URL without its fragment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    #[serde(flatten)]
    pub verdict: Verdict,
    /// When it was checked, in seconds since the Unix epoch.
    pub checked: u64,
    /// Whether the body was read for fragments (then `ids` is meaningful).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub body_read: bool,
    /// Whether the body was HTML.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub html: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Whether the body was cut short (too large, or too slow to arrive): `ids` are those of its
    /// beginning only, so a fragment not among them is unverified rather than dead.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

impl Entry {
    /// Still within its lifetime under `cfg` at `now` (seconds since the epoch).
    pub fn fresh(&self, cfg: &Links, now: u64) -> bool {
        cfg.cache_lifetime(self.verdict.name())
            .is_some_and(|life| now.saturating_sub(self.checked) < life.as_secs() && self.checked <= now + 60)
    }
}

#[derive(Default, Serialize, Deserialize)]
struct File {
    entries: BTreeMap<String, Entry>,
}

pub(crate) fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

pub(crate) struct DiskCache {
    dir: PathBuf,
    /// Modification time and length of the file when last read or written by us.
    seen: Option<(SystemTime, u64)>,
}

impl DiskCache {
    pub fn new(dir: PathBuf) -> DiskCache {
        DiskCache { dir, seen: None }
    }

    fn file(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
        let m = fs::metadata(path).ok()?;
        Some((m.modified().ok()?, m.len()))
    }

    /// The entries on disk when the file changed since we last looked, else `None`.
    pub fn load_if_changed(&mut self) -> Option<BTreeMap<String, Entry>> {
        let path = self.file();
        let stamp = Self::stamp(&path);
        if stamp.is_none() || stamp == self.seen {
            return None;
        }
        let entries = read(&path);
        self.seen = stamp;
        Some(entries)
    }

    /// Merge `ours` into the file under the lock, dropping entries that are no longer fresh.
    pub fn store(&mut self, ours: &BTreeMap<String, Entry>, cfg: &Links) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            // The cache is a local artefact: keep it out of version control.
            let _ = fs::write(&ignore, "# Created by copydesk: the link cache is not to be committed.\n*\n");
        }
        let lock = fs::OpenOptions::new().create(true).truncate(false).write(true).open(self.dir.join(LOCK_NAME))?;
        lock.lock()?;
        let path = self.file();
        let mut merged = read(&path);
        for (k, e) in ours {
            match merged.get(k) {
                Some(theirs) if theirs.checked > e.checked => {}
                _ => {
                    merged.insert(k.clone(), e.clone());
                }
            }
        }
        let now = now_secs();
        merged.retain(|_, e| e.fresh(cfg, now));
        let text = serde_json::to_vec(&File { entries: merged }).map_err(std::io::Error::other)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        tmp.write_all(&text)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&path).map_err(|e| e.error)?;
        self.seen = Self::stamp(&path);
        drop(lock);
        Ok(())
    }
}

/// The entries of a cache file; a missing or unreadable file is an empty cache.
fn read(path: &Path) -> BTreeMap<String, Entry> {
    fs::read(path).ok().and_then(|b| serde_json::from_slice::<File>(&b).ok()).map(|f| f.entries).unwrap_or_default()
}
