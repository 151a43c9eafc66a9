//! The progress bar of `copydesk check` on a terminal: files checked out of all, and the links
//! still waiting for the network.
//!
//! Shown on stderr only when stderr is a terminal, `CI` is not set and `--no-progress` was not
//! given ([`should_show`]), and only once a run has taken a second: a quick run never flickers.
//! It is cleared before the report is written, so it never mixes into the output.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its progress bar appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// Whether to show a progress bar: stderr is a terminal, the `CI` environment variable is not set
/// (to any value), and `--no-progress` was not given.
pub fn should_show(stderr_is_terminal: bool, ci_env: Option<&std::ffi::OsStr>, no_progress: bool) -> bool {
    stderr_is_terminal && ci_env.is_none() && !no_progress
}

/// A progress bar that draws itself only after [`DELAY`]; [`Progress::hidden`] draws nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Dropped (closed) when the run ends, which wakes the timer thread before its delay.
    stop: Option<mpsc::Sender<()>>,
    timer: Option<JoinHandle<()>>,
}

impl Progress {
    /// A progress bar that is never drawn.
    pub fn hidden() -> Progress {
        Progress { bar: None, stop: None, timer: None }
    }

    /// A bar over `files` drafts, drawn on stderr when `show` and the run lasts [`DELAY`].
    pub fn new(show: bool, files: usize) -> Progress {
        if !show {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{spinner} checking {bar:30} {pos}/{len} files{msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        let (stop, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let timer = std::thread::spawn(move || {
            // Disconnected: the run ended first, and the bar is never drawn.
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(DELAY) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress { bar: Some(bar), stop: Some(stop), timer: Some(timer) }
    }

    /// One more draft checked.
    pub fn file_done(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Links still waiting for the network (0: none, and the message goes away).
    pub fn links_pending(&self, pending: usize) {
        if let Some(bar) = &self.bar {
            if pending == 0 {
                bar.set_message("");
            } else {
                bar.set_message(format!(", {pending} link{} pending", if pending == 1 { "" } else { "s" }));
            }
        }
    }

    /// Print a line on stderr without tearing the bar.
    pub fn eprintln(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Stop and clear the bar (before the report is written). Idempotent.
    pub fn finish(&mut self) {
        self.stop.take();
        if let Some(timer) = self.timer.take() {
            let _ = timer.join();
        }
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn shown_only_on_a_terminal_outside_ci_without_the_flag() {
        assert!(should_show(true, None, false));
        assert!(!should_show(false, None, false), "stderr is not a terminal");
        assert!(!should_show(true, Some(OsStr::new("true")), false), "CI is set");
        assert!(!should_show(true, Some(OsStr::new("")), false), "CI is set, even empty");
        assert!(!should_show(true, None, true), "--no-progress");
        assert!(!should_show(false, Some(OsStr::new("1")), true));
    }

    #[test]
    fn a_quick_run_finishes_without_waiting_for_the_delay() {
        let start = std::time::Instant::now();
        let mut p = Progress::new(true, 3);
        p.file_done();
        p.links_pending(2);
        p.finish();
        p.finish();
        assert!(start.elapsed() < DELAY, "finish wakes the timer: {:?}", start.elapsed());
    }
}
