//! Two-thread work for long documents (the size from which the analysis splits, and the join),
//! and the message of a panic, for the front ends that guard the analysis against one.

/// From this size (bytes) on, an article's independent passes run on two threads: the people
/// and the figures passes side by side, then the rules in two groups. A news article is a few
/// kilobytes and stays on one thread (files are already checked in parallel); a long document
/// checked on its own would otherwise leave the second core idle. The results are the same
/// either way: each pass is a pure function of the document.
pub const PARALLEL_FROM: usize = 256 * 1024;

/// Runs `a` here and `b` on a scoped thread when `parallel`, else both here, in that order. A
/// panic in `b` is re-raised here, as it would have been had `b` run here; when no thread can
/// be had, `b` runs here.
pub(crate) fn join<A, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A,
    b: impl Fn() -> B + Sync,
) -> (A, B) {
    if !parallel {
        let ra = a();
        return (ra, b());
    }
    std::thread::scope(|s| {
        let shared = &b;
        let handle = std::thread::Builder::new().spawn_scoped(s, shared);
        let ra = a();
        let rb = match handle {
            Ok(h) => match h.join() {
                Ok(rb) => rb,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => b(),
        };
        (ra, rb)
    })
}

/// The message a panic carried (`panic!("…")`), or "unknown panic".
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_messages() {
        let caught = |f: fn()| panic_message(std::panic::catch_unwind(f).unwrap_err().as_ref());
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        assert_eq!(caught(|| panic!("plain")), "plain");
        assert_eq!(caught(|| panic!("{}", 1 + 1)), "2");
        assert_eq!(caught(|| std::panic::panic_any(7)), "unknown panic");
        std::panic::set_hook(hook);
    }
}
