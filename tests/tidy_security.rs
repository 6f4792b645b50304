//! No network, no code execution. copydesk reads articles and a config file and writes reports;
//! it never opens a socket, never runs a program, and never compiles user-supplied text as code.
//! These checks fail when non-test code under `src/` (or the dependency list) starts to.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a source file without comments and without `#[cfg(test)]` items (test modules may
/// spawn processes, e.g. to drive the binary). Lines keep their numbers.
fn production_code(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut skip_depth: Option<i64> = None;
    let mut pending_cfg_test = false;
    let mut depth: i64 = 0;
    let mut in_block_comment = false;
    for (n, raw) in src.lines().enumerate() {
        // Strip comments (line comments, doc comments, block comments) but not `//` in strings:
        // good enough for this code base, which has no `"//"` next to a forbidden API.
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_block_comment {
                match rest.find("*/") {
                    Some(i) => {
                        rest = &rest[i + 2..];
                        in_block_comment = false;
                    }
                    None => break,
                }
            } else {
                let lc = rest.find("//");
                let bc = rest.find("/*");
                match (lc, bc) {
                    (Some(l), Some(b)) if b < l => {
                        line.push_str(&rest[..b]);
                        rest = &rest[b + 2..];
                        in_block_comment = true;
                    }
                    (None, Some(b)) => {
                        line.push_str(&rest[..b]);
                        rest = &rest[b + 2..];
                        in_block_comment = true;
                    }
                    (Some(l), _) => {
                        line.push_str(&rest[..l]);
                        break;
                    }
                    (None, None) => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        let trimmed = line.trim();
        if skip_depth.is_none() && trimmed.starts_with("#[cfg(test)]") {
            pending_cfg_test = true;
        }
        let opens = line.matches('{').count() as i64;
        let closes = line.matches('}').count() as i64;
        if pending_cfg_test && opens > 0 {
            skip_depth = Some(depth);
            pending_cfg_test = false;
        } else if pending_cfg_test && trimmed.ends_with(';') && !trimmed.starts_with("#[") {
            // `#[cfg(test)] mod tests;` or a one-line item: skip just that.
            pending_cfg_test = false;
            depth += opens - closes;
            continue;
        }
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        out.push((n + 1, line));
    }
    out
}

/// What must not appear in production code, and why.
const FORBIDDEN: &[(&str, &str)] = &[
    ("std::net", "opens sockets"),
    ("tokio::net", "opens sockets"),
    ("TcpStream", "opens sockets"),
    ("TcpListener", "opens sockets"),
    ("UdpSocket", "opens sockets"),
    ("UnixStream", "opens sockets"),
    ("UnixListener", "opens sockets"),
    ("ToSocketAddrs", "resolves host names"),
    ("process::Command", "runs programs"),
    ("Command::new(", "runs programs"),
    ("tokio::process", "runs programs"),
    ("os::unix::process", "runs programs"),
    ("libc::exec", "runs programs"),
    ("libc::system", "runs programs"),
    ("libloading", "loads code"),
    ("dlopen", "loads code"),
];

#[test]
fn production_code_opens_no_socket_and_runs_no_program() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    assert!(files.len() > 10, "src/ not found");
    let mut found = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (n, line) in production_code(&src) {
            for (what, why) in FORBIDDEN {
                if line.contains(what) {
                    found.push(format!(
                        "{}:{n}: `{what}` {why}: {}",
                        f.strip_prefix(root()).unwrap().display(),
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "copydesk must not open sockets or run programs:\n{}",
        found.join("\n")
    );
}

/// Building a regex from anything but a literal is allowed only when the text is escaped
/// (`regex::escape`) nearby: user-supplied words (e.g. `attribution_verbs`) are matched as
/// words, never compiled as patterns (and never as code).
#[test]
fn regexes_are_built_from_literals_or_escaped_text() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut found = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let code = production_code(&src);
        for (i, (n, line)) in code.iter().enumerate() {
            for ctor in [
                "Regex::new(",
                "RegexBuilder::new(",
                "RegexSet::new(",
                "Regex::from_str(",
            ] {
                let Some(at) = line.find(ctor) else { continue };
                let arg = line[at + ctor.len()..].trim_start();
                let literal =
                    arg.starts_with('"') || arg.starts_with("r\"") || arg.starts_with("r#");
                let window = code[i.saturating_sub(10)..=i]
                    .iter()
                    .any(|(_, l)| l.contains("regex::escape"));
                if !literal && !window {
                    found.push(format!(
                        "{}:{n}: {}",
                        f.strip_prefix(root()).unwrap().display(),
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a regex built from non-literal text without regex::escape:\n{}",
        found.join("\n")
    );
}

/// The dependency list holds no HTTP/socket/process crate, and tokio has no `net`/`process`.
#[test]
fn dependencies_bring_no_network_or_process_feature() {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let deps_end = toml.find("[dev-dependencies]").unwrap_or(toml.len());
    let deps = &toml[..deps_end];
    for krate in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "surf",
        "attohttpc",
        "libloading",
        "mio",
        "socket2",
        "wasmtime",
        "rhai",
        "mlua",
        "pyo3",
    ] {
        let declared = deps.lines().any(|l| {
            l.trim_start().starts_with(&format!("{krate} "))
                || l.trim_start().starts_with(&format!("{krate}="))
        });
        assert!(!declared, "Cargo.toml depends on `{krate}`");
    }
    let tokio = deps
        .lines()
        .find(|l| l.trim_start().starts_with("tokio "))
        .expect("tokio dependency line");
    for feature in ["\"net\"", "\"process\"", "\"full\""] {
        assert!(!tokio.contains(feature), "tokio feature {feature}: {tokio}");
    }
}

/// `attribution_verbs` from copydesk.toml are words, not patterns: anything that could be a regex
/// or code is refused when the config is read.
#[test]
fn attribution_verbs_must_be_words() {
    let path = Path::new("copydesk.toml");
    for bad in [
        r"(a+)+$",
        ".*",
        r"said\b",
        "`rm -rf /`",
        "$(reboot)",
        "{{x}}",
        "a|b",
    ] {
        let src = format!("attribution_verbs = [{:?}]\n", bad);
        let r = copydesk::config::parse_str(&src, path);
        assert!(r.is_err(), "`{bad}` was accepted as an attribution verb");
    }
    let ok =
        copydesk::config::parse_str("attribution_verbs = [\"quipped\", \"shot back\"]\n", path)
            .expect("plain verbs are accepted");
    assert_eq!(ok.attribution_verbs, ["quipped", "shot back"]);
}

#[test]
fn the_comment_and_test_stripper_works() {
    let src = "use a;\n// std::net in a comment\nfn f() { let x = 1; /* Command::new( */ }\n#[cfg(test)]\nmod tests {\n    fn g() { std::process::Command::new(\"x\"); }\n}\nfn h() {}\n";
    let code: Vec<String> = production_code(src).into_iter().map(|(_, l)| l).collect();
    let all = code.join("\n");
    assert!(
        !all.contains("std::net") && !all.contains("Command"),
        "{all}"
    );
    assert!(all.contains("fn h()") && all.contains("fn f()"), "{all}");
}
