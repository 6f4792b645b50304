//! Abuse cases for `copydesk check`: every bad input gives a clear error naming the file on
//! stderr, the other files are still checked (their findings are in the output), and the exit code
//! is 2. Plus odd but valid articles (CRLF, lone CR, BOM, empty, whitespace, late NUL) that must be
//! checked normally.

mod support;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::cli::{Run, codes};

/// An article with exactly one known finding: an unclosed quotation (ATT006).
const GOOD: &str = "The minister said \"we will never close the mine.\n\nThat was all she said.\n";

/// `copydesk check --format json PATHS…`.
fn run(paths: &[&Path]) -> Run {
    let mut args: Vec<OsString> = vec!["check".into(), "--format".into(), "json".into()];
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    support::cli::run(Path::new(env!("CARGO_MANIFEST_DIR")), &args, &[])
}

/// A directory holding `good.md` (one ATT006 finding).
fn dir_with_good() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("good.md"), GOOD).unwrap();
    d
}

/// The common expectation: exit 2, stderr names `bad`, good.md still checked.
fn assert_bad_named(out: &Run, bad: &str, why: &str) -> Value {
    let err = &out.stderr;
    assert_eq!(out.code, 2, "exit code; stderr: {err}");
    assert!(
        err.lines().any(|l| l.contains(bad) && l.contains(why)),
        "stderr should name {bad} with `{why}`: {err}"
    );
    let v = out.json();
    assert_eq!(codes(&v, "good.md"), ["ATT006"], "{v}");
    v
}

#[test]
fn invalid_utf8_is_named_and_the_rest_is_checked() {
    let d = dir_with_good();
    std::fs::write(
        d.path().join("latin1.txt"),
        b"The mayor said caf\xe9 prices rose.\n",
    )
    .unwrap();
    let out = run(&[d.path()]);
    assert_bad_named(&out, "latin1.txt", "not valid UTF-8");
    // The message says where.
    assert!(
        out.stderr.contains("byte offset 18 (line 1)"),
        "{}",
        out.stderr
    );
}

#[test]
fn binary_file_is_named_and_the_rest_is_checked() {
    let d = dir_with_good();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    std::fs::write(d.path().join("photo.md"), &png).unwrap();
    let out = run(&[d.path()]);
    assert_bad_named(&out, "photo.md", "binary file");
}

#[test]
fn missing_path_argument_is_named() {
    let d = dir_with_good();
    let gone = d.path().join("deleted-draft.md");
    let out = run(&[&d.path().join("good.md"), &gone]);
    assert_bad_named(&out, "deleted-draft.md", "no such file");
}

/// A file that vanished between listing and reading, made deterministic: a symlink whose target
/// does not exist is listed by the walker but cannot be opened.
#[cfg(unix)]
#[test]
fn dangling_symlink_is_named_and_the_rest_is_checked() {
    let d = dir_with_good();
    std::os::unix::fs::symlink(d.path().join("nowhere.md"), d.path().join("vanished.md")).unwrap();
    let out = run(&[d.path()]);
    assert_bad_named(&out, "vanished.md", "does not exist");
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop_is_named_and_terminates() {
    let d = dir_with_good();
    let sub = d.path().join("desk");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("inner.md"), GOOD).unwrap();
    std::os::unix::fs::symlink(d.path(), sub.join("back-to-top")).unwrap();
    let out = run(&[d.path()]);
    let v = assert_bad_named(&out, "back-to-top", "loop");
    assert_eq!(codes(&v, "inner.md"), ["ATT006"], "{v}");
    // Each real file once.
    assert_eq!(v["summary"]["files"], 2, "{v}");
}

/// A directory whose name looks like an article is not an article: it is walked, not read.
#[test]
fn directory_named_like_an_article_is_walked() {
    let d = dir_with_good();
    let sub = d.path().join("notes.md");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("inner.txt"), GOOD).unwrap();
    let out = run(&[d.path()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = out.json();
    assert_eq!(codes(&v, "inner.txt"), ["ATT006"]);
    assert_eq!(codes(&v, "good.md"), ["ATT006"]);
}

/// A FIFO (or a device such as /dev/zero) named on the command line would block or never end if
/// read: it must be refused as not a regular file.
#[cfg(unix)]
#[test]
fn fifo_argument_is_refused_not_read() {
    let d = dir_with_good();
    let fifo = d.path().join("pipe.md");
    let ok = Command::new("mkfifo").arg(&fifo).status();
    if !ok.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo is not available");
        return;
    }
    // Nobody ever writes to the FIFO: reading it would block for ever, and the test would hang
    // (the harness then reports it), so a pass means it was not opened.
    let out = run(&[&d.path().join("good.md"), &fifo]);
    assert_bad_named(&out, "pipe.md", "not a regular file");
    // Inside a walked directory the FIFO is not an article either, and no error.
    let out = run(&[d.path()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_named_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir_with_good();
    let locked = d.path().join("embargoed.md");
    std::fs::write(&locked, GOOD).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Root (or CAP_DAC_OVERRIDE) reads it anyway: nothing to test here.
        eprintln!("SKIPPED: running with privileges that ignore file permissions (root?)");
        return;
    }
    let out = run(&[d.path()]);
    assert_bad_named(&out, "embargoed.md", "permission denied");
}

#[test]
fn malformed_config_is_named_with_its_line_and_other_dirs_are_checked() {
    let d = tempfile::tempdir().unwrap();
    let broken = d.path().join("broken");
    let fine = d.path().join("fine");
    std::fs::create_dir(&broken).unwrap();
    std::fs::create_dir(&fine).unwrap();
    std::fs::write(broken.join("copydesk.toml"), "[rules]\nATT006 = \"loud\n").unwrap();
    std::fs::write(broken.join("story.md"), GOOD).unwrap();
    std::fs::write(fine.join("good.md"), GOOD).unwrap();
    let out = run(&[d.path()]);
    let err = &out.stderr;
    assert_eq!(out.code, 2, "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("copydesk.toml") && l.contains(":2")),
        "the config error names the file and line: {err}"
    );
    assert_eq!(codes(&out.json(), "good.md"), ["ATT006"]);
}

/// A large article, checked with its findings reported: 20 MB when the tests are built optimised
/// (`cargo test --release --test abuse_cli`), 2 MB in the default debug build so that CI stays
/// fast (the unoptimised binary analyses ~1 MB/s). The 100 MB case is in `benches/bounds.rs`.
#[test]
fn large_file_is_checked() {
    let mb = if cfg!(debug_assertions) { 2 } else { 20 };
    let d = dir_with_good();
    std::fs::write(d.path().join("big.txt"), support::text::big_article(mb)).unwrap();
    let out = run(&[d.path()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = out.json();
    assert!(codes(&v, "big.txt").contains(&"ATT006".to_string()));
    assert_eq!(codes(&v, "good.md"), ["ATT006"]);
}

/// Writes `bytes` as `name` in a fresh dir, checks it, returns (exit code, json, stderr).
fn check_one(name: &str, bytes: &[u8]) -> (i32, Value, String) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let out = run(&[&p]);
    // Human output too: it must not fail on the same input.
    let human = support::cli::run(
        d.path(),
        &[OsString::from("check"), p.into_os_string()],
        &[],
    );
    assert_eq!(human.code, out.code, "{}", human.stderr);
    let json = out.json();
    (out.code, json, out.stderr)
}

fn first_diag(v: &Value) -> Value {
    v["files"][0]["diagnostics"][0].clone()
}

#[test]
fn crlf_article_positions_count_lines() {
    let text = "Headline\r\n\r\nThe minister said \"we will never close the mine.\r\n";
    let (code, v, err) = check_one("crlf.txt", text.as_bytes());
    assert_eq!(code, 1, "{err}");
    let d = first_diag(&v);
    assert_eq!(d["code"], "ATT006");
    assert_eq!(d["start"]["line"], 3, "{d}");
    assert_eq!(d["start"]["column"], 19, "{d}");
    let s = d["byte_range"][0].as_u64().unwrap() as usize;
    assert_eq!(&text[s..s + 1], "\"");
}

#[test]
fn lone_cr_article_is_checked_with_exact_byte_ranges() {
    let text = "Headline\r\rThe minister said \"we will never close the mine.\r";
    let (code, v, err) = check_one("oldmac.txt", text.as_bytes());
    assert_eq!(code, 1, "{err}");
    let d = first_diag(&v);
    assert_eq!(d["code"], "ATT006");
    let s = d["byte_range"][0].as_u64().unwrap() as usize;
    assert_eq!(&text[s..s + 1], "\"");
}

#[test]
fn bom_is_not_a_finding_and_lines_are_right() {
    let text = "\u{feff}Headline\n\nThe minister said \"we will never close the mine.\n";
    let (code, v, err) = check_one("bom.md", text.as_bytes());
    assert_eq!(code, 1, "{err}");
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v}");
    assert_eq!(diags[0]["start"]["line"], 3);
    assert_eq!(diags[0]["start"]["column"], 19);
    // Byte ranges are offsets into the file, BOM included.
    let s = diags[0]["byte_range"][0].as_u64().unwrap() as usize;
    assert_eq!(&text[s..s + 1], "\"");
}

#[test]
fn lone_cr_files_count_lines_as_the_server_does() {
    let text = "Headline\r\rThe minister said \"we will never close the mine.\rNext paragraph.\r";
    let (code, v, err) = check_one("cr.txt", text.as_bytes());
    assert_eq!(code, 1, "{err}");
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v}");
    assert_eq!(diags[0]["start"]["line"], 3);
    assert_eq!(diags[0]["start"]["column"], 19);
}

#[test]
fn empty_and_whitespace_only_files_are_clean() {
    for (name, bytes) in [
        ("empty.md", &b""[..]),
        ("blank.txt", b"   \n\t\n\r\n  \r   \n\n"),
        ("nbsp.md", "\u{a0}\u{2003}\n\u{3000}\n".as_bytes()),
    ] {
        let (code, v, err) = check_one(name, bytes);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(v["files"][0]["diagnostics"], Value::Array(vec![]), "{name}");
    }
}

/// The binary sniff looks at the first 8 KB; a NUL later in the text is text (it is valid UTF-8)
/// and must not crash anything.
#[test]
fn nul_after_the_first_8k_is_checked() {
    let mut text = "The council met on Tuesday. ".repeat(400); // ~11 KB
    text.push('\0');
    text.push_str(" The minister said \"we will never close the mine.\n");
    let (code, v, err) = check_one("late_nul.txt", text.as_bytes());
    assert_eq!(code, 1, "{err}");
    assert_eq!(first_diag(&v)["code"], "ATT006");
}

/// One check over a directory mixing every bad input: each is named once, all good files checked.
#[cfg(unix)]
#[test]
fn everything_at_once() {
    let d = dir_with_good();
    let p = d.path();
    std::fs::write(p.join("a_latin1.txt"), b"caf\xe9\n").unwrap();
    std::fs::write(p.join("b_binary.md"), b"\0\0\0\x01").unwrap();
    std::os::unix::fs::symlink(p.join("nowhere"), p.join("c_dangling.md")).unwrap();
    std::fs::create_dir(p.join("d")).unwrap();
    std::os::unix::fs::symlink(p, p.join("d").join("loop")).unwrap();
    std::fs::write(p.join("e_ok.md"), "Nothing wrong here.\n").unwrap();
    let out = run(&[p]);
    let err = &out.stderr;
    assert_eq!(out.code, 2, "{err}");
    let named: Vec<PathBuf> = ["a_latin1.txt", "b_binary.md", "c_dangling.md", "loop"]
        .iter()
        .map(PathBuf::from)
        .collect();
    for n in &named {
        let n = n.to_str().unwrap();
        assert!(err.contains(n), "{n} not named: {err}");
    }
    let v = out.json();
    assert_eq!(codes(&v, "good.md"), ["ATT006"]);
    assert!(codes(&v, "e_ok.md").is_empty());
    assert_eq!(v["summary"]["files"], 2, "{v}");
}
