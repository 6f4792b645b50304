//! Input shared by the benchmarks: ../shared/bench/large.txt when it is beside the repository (or
//! two levels up, from a worktree), else the bundled fixtures concatenated until `min_len` bytes.

use std::path::Path;

pub fn bench_text(min_len: usize) -> (String, String) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for shared in [
        here.join("../shared/bench/large.txt"),
        here.join("../../shared/bench/large.txt"),
    ] {
        if let Ok(text) = std::fs::read_to_string(&shared) {
            return (shared.display().to_string(), text);
        }
    }
    let mut files = Vec::new();
    for dir in std::fs::read_dir(here.join("tests/fixtures"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for f in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "txt" || e == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut text = String::new();
    while !files.is_empty() && (text.is_empty() || text.len() < min_len) {
        for f in &files {
            text.push_str(&std::fs::read_to_string(f).unwrap_or_default());
            text.push_str("\n\n");
        }
    }
    let name = if min_len > 0 {
        format!(
            "tests/fixtures (repeated to {:.1} MB)",
            min_len as f64 / 1e6
        )
    } else {
        "tests/fixtures".to_string()
    };
    (name, text)
}
