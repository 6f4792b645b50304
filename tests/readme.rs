//! README is the front door: the example output it shows must be what the first of its two
//! commands really prints.

mod support;

use std::path::Path;

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
    let out = support::cli::run(
        Path::new(root),
        &["check", "examples/nato-summit.md"],
        &[("NO_COLOR", "1")],
    );
    assert_eq!(out.code, 1, "the example has warnings, so exit 1");
    let stdout = out.stdout;
    assert_eq!(
        stdout.trim_end(),
        block.trim_end(),
        "README's example output is stale; paste the output of `cargo run --release -- check examples/nato-summit.md`"
    );
}

/// The reference-sheet section's example shows what `copydesk check` prints on
/// `examples/reference/`: a NUM009 and a PPL004 finding, each citing the sheet.
#[test]
fn readme_reference_example_is_real() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README.md");
    let section = readme
        .split_once("## The reference sheet")
        .map(|(_, rest)| rest)
        .expect("README has the reference-sheet section");
    let block = section
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .map(|(block, _)| block)
        .expect("the section shows the example output in a ```text block");
    let out = support::cli::run(
        Path::new(root),
        &["check", "examples/reference/sanctions-briefing.md"],
        &[("NO_COLOR", "1")],
    );
    assert_eq!(out.code, 1, "the example has warnings, so exit 1");
    assert!(out.stdout.contains("warning[NUM009]"), "{}", out.stdout);
    assert!(out.stdout.contains("warning[PPL004]"), "{}", out.stdout);
    assert_eq!(
        out.stdout.trim_end(),
        block.trim_end(),
        "README's reference example is stale; paste the output of \
         `cargo run --release -- check examples/reference/sanctions-briefing.md`"
    );
    // The sheets themselves are clean.
    let out = support::cli::run(
        Path::new(root),
        &["reference", "check", "examples/reference/copydesk.toml"],
        &[],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}
