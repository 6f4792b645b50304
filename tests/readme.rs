//! README is the front door: the example output it shows must be what the first of its two
//! commands really prints.

use std::process::Command;

#[test]
fn readme_example_output_is_real() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    let section = readme
        .split_once("## Two commands on a fresh machine")
        .map(|(_, rest)| rest)
        .expect("README has the two-commands section");
    let block = section
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .map(|(block, _)| block)
        .expect("README shows the example output in a ```text block");
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(root)
        .args(["check", "examples/nato-summit.md"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run copydesk");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the example has warnings, so exit 1"
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    assert_eq!(
        stdout.trim_end(),
        block.trim_end(),
        "README's example output is stale; paste the output of `cargo run --release -- check examples/nato-summit.md`"
    );
}
