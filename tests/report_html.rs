//! `check --format html` without a browser: the page is the article (every byte, escaped), each
//! finding is highlighted at exactly its bytes, hostile text stays text, the page allows only its
//! own style and script, and the size stays within budget. The browser tests (tests/report/,
//! run by .ci/report.sh) check the same page in headless Chromium.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use copydesk::cli::render::html::sha256::csp_hash;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_copydesk");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("spawn copydesk");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, content).unwrap();
    p
}

// ---- a small HTML tokenizer, enough for the page copydesk writes ---------------------------

#[derive(Debug)]
enum Tok {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Close(String),
    Text(String),
}

fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').expect("entity ends with `;`");
        let ent = &tail[1..end];
        let c = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            _ if ent.starts_with('#') => {
                char::from_u32(ent[1..].parse().expect("decimal reference")).unwrap()
            }
            _ => panic!("unexpected entity &{ent};"),
        };
        out.push(c);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

fn tokenize(html: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!") {
            let end = after.find('>').unwrap();
            rest = &after[end + 1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').unwrap();
            toks.push(Tok::Close(after[..end].to_ascii_lowercase()));
            rest = &after[end + 1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').expect("tag ends");
            let inner = &after[..end];
            let name_end = inner
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(inner.len());
            let name = inner[..name_end].to_ascii_lowercase();
            let mut attrs = Vec::new();
            let mut a = inner[name_end..].trim_start();
            while !a.is_empty() {
                let n_end = a
                    .find(|c: char| c == '=' || c.is_ascii_whitespace())
                    .unwrap_or(a.len());
                let aname = a[..n_end].to_string();
                a = &a[n_end..];
                if let Some(v) = a.strip_prefix("=\"") {
                    let close = v.find('"').expect("attribute value ends");
                    attrs.push((aname, decode(&v[..close])));
                    a = v[close + 1..].trim_start();
                } else {
                    assert!(!a.starts_with('='), "unquoted attribute value in <{inner}>");
                    attrs.push((aname, String::new()));
                    a = a.trim_start();
                }
            }
            rest = &after[end + 1..];
            if name == "style" || name == "script" {
                let close = format!("</{name}>");
                let body_end = rest.find(&close).expect("raw text element ends");
                toks.push(Tok::Open { name, attrs });
                toks.push(Tok::Text(rest[..body_end].to_string()));
                toks.push(Tok::Close(close[2..close.len() - 1].to_string()));
                rest = &rest[body_end + close.len()..];
            } else {
                toks.push(Tok::Open { name, attrs });
            }
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        toks.push(Tok::Text(decode(&rest[..end])));
        rest = &rest[end..];
    }
    toks
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

const VOID: &[&str] = &["br", "hr", "meta", "input", "link"];

/// Per file: the article's text as the browser will hold it, and the text of each finding's
/// highlighted pieces, by finding id.
struct Page {
    articles: Vec<String>,
    pieces: HashMap<String, String>,
    anchors: HashMap<String, usize>,
    toks: Vec<Tok>,
}

fn page(html: &str) -> Page {
    let toks = tokenize(html);
    let mut articles = Vec::new();
    let mut pieces: HashMap<String, String> = HashMap::new();
    let mut anchors: HashMap<String, usize> = HashMap::new();
    let mut in_article = false;
    let mut stack: Vec<(String, Vec<String>)> = Vec::new();
    let mut after_pre = false;
    for t in &toks {
        match t {
            Tok::Open { name, attrs } => {
                if name == "article" && attr(attrs, "class").is_some_and(|c| c.starts_with("text"))
                {
                    in_article = true;
                    articles.push(String::new());
                    continue;
                }
                if !in_article {
                    continue;
                }
                if name == "a" && attr(attrs, "class").is_some_and(|c| c.starts_with("hl ")) {
                    let id = attr(attrs, "id").expect("a highlight anchor has an id");
                    *anchors.entry(id.to_string()).or_default() += 1;
                }
                after_pre = name == "pre";
                if !VOID.contains(&name.as_str()) {
                    let ids = attr(attrs, "data-f")
                        .map(|f| f.split(' ').map(str::to_string).collect())
                        .unwrap_or_default();
                    stack.push((name.clone(), ids));
                }
            }
            Tok::Close(name) => {
                if name == "article" && in_article {
                    in_article = false;
                    assert!(stack.is_empty(), "unclosed in article: {stack:?}");
                    continue;
                }
                if in_article {
                    let (open, _) = stack.pop().expect("balanced");
                    assert_eq!(&open, name, "mis-nested tags in the article");
                    after_pre = false;
                }
            }
            Tok::Text(s) if in_article => {
                // The parser drops a newline right after `<pre>`.
                let s = if after_pre {
                    s.strip_prefix('\n').unwrap_or(s)
                } else {
                    s
                };
                after_pre = false;
                articles.last_mut().unwrap().push_str(s);
                for (_, ids) in &stack {
                    for id in ids {
                        pieces.entry(id.clone()).or_default().push_str(s);
                    }
                }
            }
            Tok::Text(_) => {}
        }
    }
    Page {
        articles,
        pieces,
        anchors,
        toks,
    }
}

/// Checks that the page holds each article byte for byte and highlights each finding at its
/// bytes, against `check --format json`.
fn assert_findings_highlighted(page: &Page, json: &Value, texts: &[&str]) {
    let files = json["files"].as_array().unwrap();
    let mut article = page.articles.iter();
    for (fi, f) in files.iter().enumerate() {
        if f.get("error").is_some() {
            continue;
        }
        let text = texts[fi];
        let shown = article.next().expect("an article per checked file");
        assert_eq!(shown, text, "file {fi}: the page's text is not the article");
        for (k, d) in f["diagnostics"].as_array().unwrap().iter().enumerate() {
            let [s, e] = [
                d["byte_range"][0].as_u64().unwrap() as usize,
                d["byte_range"][1].as_u64().unwrap() as usize,
            ];
            let id = format!("f{fi}-{k}");
            if s == e {
                // An empty range is shown on the character after it; it only needs its anchor.
                assert!(page.pieces.contains_key(&id), "{id} has no highlight");
            } else {
                assert_eq!(
                    page.pieces.get(&id).map(String::as_str),
                    Some(&text[s..e]),
                    "{id} ({}) is not highlighted at its words",
                    d["code"]
                );
            }
            assert_eq!(
                page.anchors.get(&format!("h{fi}-{k}")),
                Some(&1),
                "{id}: one focusable highlight"
            );
        }
    }
}

/// The fact-sheet data of file `file` (a JSON data block, built into lists by the page's script).
fn facts_data(html: &str, file: usize) -> Value {
    let open = format!("<script type=\"application/json\" class=\"facts\" id=\"facts-{file}\">");
    let start = html.find(&open).expect("fact-sheet data") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

fn example() -> (String, String, Value) {
    let args = [
        "check",
        "examples/nato-summit.md",
        "--config",
        "examples/copydesk.toml",
    ];
    let html = run(root(), &[&args[..], &["--format", "html"]].concat());
    assert_eq!(html.code, 1, "{}", html.stderr);
    let json = run(root(), &[&args[..], &["--format", "json"]].concat());
    let text = std::fs::read_to_string(root().join("examples/nato-summit.md")).unwrap();
    (
        html.stdout,
        text,
        serde_json::from_str(&json.stdout).unwrap(),
    )
}

#[test]
fn example_report_is_the_article_with_every_finding_highlighted() {
    let (html, text, json) = example();
    let p = page(&html);
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 5, "the example has findings: {json}");
    assert_findings_highlighted(&p, &json, &[&text]);
    // Each finding has its note, with rule, severity and message.
    for (k, d) in diags.iter().enumerate() {
        let open = format!(
            "<li id=\"f0-{k}\" class=\"note s-{}\" data-rule=\"{}\" data-sev=\"{}\">",
            d["severity"].as_str().unwrap(),
            d["code"].as_str().unwrap(),
            d["severity"].as_str().unwrap()
        );
        let at = html.find(&open).unwrap_or_else(|| panic!("no note {open}"));
        let note = &html[at..at + html[at..].find("</li>").unwrap()];
        let message = d["message"].as_str().unwrap();
        let first_words = message.split('`').next().unwrap();
        assert!(note.contains(first_words.trim()), "{note} lacks {message}");
        assert!(note.contains(&format!("href=\"#rule-{}\"", d["code"].as_str().unwrap())));
        // The rule's explanation is in the page.
        assert!(html.contains(&format!(
            "<article class=\"rule-doc\" id=\"rule-{}\">",
            d["code"].as_str().unwrap()
        )));
    }
    // The fact sheet's data: the example's people, and a quote without a speaker.
    let facts = facts_data(&html, 0);
    let names: Vec<&str> = facts["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0].as_str().unwrap())
        .collect();
    for name in ["Ingrid Halvorsen", "Mette Lindqvist", "Rowan Achterberg"] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    let quotes = facts["quotes"].as_array().unwrap();
    assert!(quotes.len() >= 5, "{quotes:?}");
    assert!(
        quotes.iter().any(|q| q[2].is_null()),
        "a quote without speaker"
    );
    assert!(
        quotes
            .iter()
            .any(|q| q[2] == "Ingrid Halvorsen" && q[3] == "told"),
        "{quotes:?}"
    );
    // Markdown structure: the headline is a heading, front matter and the HTML comment are shown
    // as source.
    assert!(html.contains("<h3 class=\"h1\" data-o="));
    assert!(html.contains("<pre class=\"front\" data-o=\"0\">"));
    assert!(html.contains("<pre class=\"html\""));
}

/// Every tag and attribute the page may contain; anything else came from an article.
const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "a",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "span",
    "form",
    "fieldset",
    "legend",
    "label",
    "input",
    "kbd",
    "nav",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "main",
    "section",
    "div",
    "article",
    "aside",
    "details",
    "summary",
    "ol",
    "ul",
    "li",
    "button",
    "code",
    "pre",
    "em",
    "strong",
    "del",
    "sup",
    "br",
    "hr",
    "blockquote",
    "mark",
    "cite",
    "footer",
    "script",
];

fn is_allowed_attr(name: &str) -> bool {
    matches!(
        name,
        "lang"
            | "charset"
            | "http-equiv"
            | "content"
            | "name"
            | "class"
            | "id"
            | "href"
            | "title"
            | "type"
            | "value"
            | "checked"
            | "start"
            | "role"
            | "hidden"
            | "open"
            | "scope"
            | "colspan"
    ) || name.starts_with("data-")
        || name.starts_with("aria-")
}

/// The page's own markup only: listed tags and attributes, in-page links, one style and one
/// script allowed by hash.
fn assert_inert(html: &str) {
    let p = page(html);
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    let mut csp = None;
    let mut raw_next: Option<&str> = None;
    for t in &p.toks {
        match t {
            Tok::Open { name, attrs } => {
                assert!(TAGS.contains(&name.as_str()), "unexpected tag <{name}>");
                for (a, v) in attrs {
                    assert!(
                        is_allowed_attr(a),
                        "unexpected attribute {a}=\"{v}\" on <{name}>"
                    );
                    if a == "href" {
                        assert!(v.starts_with('#'), "link out of the page: {v}");
                    }
                }
                if attr(attrs, "http-equiv") == Some("Content-Security-Policy") {
                    assert!(
                        scripts.is_empty() && styles.is_empty(),
                        "the policy comes first"
                    );
                    csp = attr(attrs, "content").map(str::to_string);
                }
                raw_next = match name.as_str() {
                    "script" if attr(attrs, "type") == Some("application/json") => Some("data"),
                    "script" => {
                        assert!(attrs.is_empty(), "the page's script has no attributes");
                        Some("script")
                    }
                    "style" => Some("style"),
                    _ => None,
                };
            }
            Tok::Text(body) => match raw_next.take() {
                Some("script") => scripts.push(body.clone()),
                Some("data") => {
                    assert!(!body.contains('<'), "data blocks hold no `<`");
                    serde_json::from_str::<Value>(body).expect("data blocks are JSON");
                }
                Some("style") => styles.push(body.clone()),
                _ => {}
            },
            Tok::Close(_) => raw_next = None,
        }
    }
    assert_eq!(scripts.len(), 1, "exactly one script");
    assert_eq!(styles.len(), 1, "exactly one style");
    let csp = csp.expect("a Content-Security-Policy meta");
    let directives: HashMap<&str, &str> = csp
        .split(';')
        .filter_map(|d| d.trim().split_once(' '))
        .collect();
    assert_eq!(directives.get("default-src"), Some(&"'none'"), "{csp}");
    assert_eq!(
        directives.get("script-src").copied(),
        Some(csp_hash(&scripts[0]).as_str()),
        "{csp}"
    );
    assert_eq!(
        directives.get("style-src").copied(),
        Some(csp_hash(&styles[0]).as_str()),
        "{csp}"
    );
    assert_eq!(directives.get("base-uri"), Some(&"'none'"));
    assert_eq!(directives.get("form-action"), Some(&"'none'"));
    assert!(!csp.contains("unsafe"), "{csp}");
}

#[test]
fn example_report_is_inert_and_self_contained() {
    let (html, _, _) = example();
    assert_inert(&html);
    assert!(!html.contains("http://") && !html.contains("https://"));
}

const HOSTILE_MD: &str = "---\ntitle: \"</title><script>alert('title')</script>\"\n---\n\n\
# Council <script>alert('h1')</script> vote\n\n\
Mayor Anna <b>Ferreira</b> said the vote was close. \"><img src=x onerror=alert(1)> \
“We will build it,” she said. Officials said <script>alert(2)</script> it was done.\n\n\
<img src=x onerror=\"alert(3)\">\n\n\
A [link](javascript:alert(4) \"t\") and ![img](x\" onerror=\"alert(5)) and <span onclick=alert(6)>x</span>.\n\n\
`<script>alert(7)</script>` and:\n\n```html\n<script>alert(8)</script>\n```\n\n\
| a | <b>b</b> |\n|---|---|\n| <script>alert(9)</script> | \"c\" |\n\n\
“Unclosed <script>alert(10)</script> quote from nobody.\n";

const HOSTILE_TXT: &str = "Headline with <script>alert(1)</script>\r\n\r\n\
Officials said \"><img src=x onerror=alert(2)> the plan is expected to pass.\r\n\r\n\
“It's done,” said Jo <i onmouseover=alert(3)>Smith</i>.\r\n";

#[test]
fn hostile_articles_stay_text_and_run_nothing() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "hostile.md", HOSTILE_MD);
    write(t.path(), "hostile.txt", HOSTILE_TXT);
    // A file name is article-controlled too.
    let evil = "\"><img src=x onerror=alert(11)>.md";
    write(
        t.path(),
        evil,
        "Title\n\nOfficials said it was <script>alert(12)</script> done.\n",
    );
    let args = ["check", "hostile.md", "hostile.txt", evil];
    let r = run(t.path(), &[&args[..], &["--format", "html"]].concat());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let html = r.stdout;
    assert_inert(&html);
    let json: Value =
        serde_json::from_str(&run(t.path(), &[&args[..], &["--format", "json"]].concat()).stdout)
            .unwrap();
    let evil_text = std::fs::read_to_string(t.path().join(evil)).unwrap();
    let p = page(&html);
    assert_findings_highlighted(&p, &json, &[HOSTILE_MD, HOSTILE_TXT, &evil_text]);
    // The headline's inline HTML is shown as code, escaped.
    assert!(html.contains("<code class=\"html\">&lt;script&gt;</code>alert(&#39;h1&#39;)"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(11)&gt;.md"));
}

#[test]
fn folder_report_has_an_index_worst_first_and_the_files_that_failed() {
    let t = tempfile::tempdir().unwrap();
    write(
        t.path(),
        "drafts/a_clean.md",
        "Bakery reopens\n\n“We are back,” owner Tom Reyes said on Friday.\n",
    );
    write(
        t.path(),
        "drafts/b_warned.md",
        "Ferry vote\n\nMayor Anna Ferreira said the vote was close. “We will build it, she told reporters.\n",
    );
    write(t.path(), "drafts/c_binary.txt", b"abc\0def".as_slice());
    let r = run(
        t.path(),
        &["check", "drafts", "missing.md", "--format", "html"],
    );
    assert_eq!(r.code, 2, "an unreadable file wins: {}", r.stderr);
    let html = &r.stdout;
    assert_inert(html);
    let index = &html[html.find("<nav class=\"index\"").expect("an index")..];
    let index = &index[..index.find("</nav>").unwrap()];
    let row = |needle: &str| {
        index
            .find(needle)
            .unwrap_or_else(|| panic!("no row for {needle} in {index}"))
    };
    // Not checked first, then the file with a warning, then the clean one.
    assert!(row("missing.md") < row("c_binary.txt"));
    assert!(row("c_binary.txt") < row("b_warned.md"));
    assert!(row("b_warned.md") < row("a_clean.md"));
    assert!(
        index.contains("binary file (NUL byte at offset 3)"),
        "{index}"
    );
    assert!(index.contains("no such file or directory"), "{index}");
    // Each checked file has its section, linked from the index; the failed one says why.
    for i in 0..3 {
        assert!(html.contains(&format!("id=\"file-{i}\" data-file=\"{i}\"")) || i == 2);
        assert!(index.contains(&format!("href=\"#file-{i}\"")));
    }
    assert!(html.contains("<section class=\"file failed\" id=\"file-2\""));
    // Filters by severity and rule.
    assert!(html.contains("<input type=\"checkbox\" name=\"sev\" value=\"warning\" checked>"));
    assert!(html.contains("<input type=\"checkbox\" name=\"rule\" value=\"ATT006\" checked>"));
}

#[test]
fn output_option_writes_any_format_to_a_file() {
    let t = tempfile::tempdir().unwrap();
    write(
        t.path(),
        "s.md",
        "Ferry vote\n\nMayor Anna Ferreira said it. “We will build it, she said.\n",
    );
    for (format, marker) in [
        ("html", "<!DOCTYPE html>"),
        ("json", "\"version\": 1"),
        ("human", "warning[ATT006]"),
    ] {
        let out = format!("out/report.{format}");
        std::fs::create_dir_all(t.path().join("out")).unwrap();
        let r = run(
            t.path(),
            &["check", "s.md", "--format", format, "--output", &out],
        );
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
        let written = std::fs::read_to_string(t.path().join(&out)).unwrap();
        assert!(written.contains(marker), "{format}: {written}");
        assert!(!written.contains('\x1b'), "no colour in a file");
    }
    // No temporary file is left behind, and an unwritable destination is an error (exit 2).
    let left: Vec<_> = std::fs::read_dir(t.path().join("out")).unwrap().collect();
    assert_eq!(left.len(), 3);
    let r = run(
        t.path(),
        &[
            "check",
            "s.md",
            "-o",
            "no/such/dir/r.html",
            "--format",
            "html",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("cannot write the report to no/such/dir/r.html"),
        "{}",
        r.stderr
    );
}

#[test]
fn report_size_is_within_budget_for_a_long_article() {
    // A long plain-text article with many findings of several rules.
    let para = "Officials said the plan would cost £4m. Mayor Anna Ferreira said the vote \
                was close. “We will build it,” she told reporters. Ferreira said three towns \
                would join: Alston, Brigg, Calder and Dunmore. “Nobody should doubt it.”\n\n";
    let text = format!("Ferry link approved\n\n{}", para.repeat(400));
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "long.txt", &text);
    let html = run(t.path(), &["check", "long.txt", "--format", "html"]).stdout;
    let json: Value =
        serde_json::from_str(&run(t.path(), &["check", "long.txt", "--format", "json"]).stdout)
            .unwrap();
    let findings = json["files"][0]["diagnostics"].as_array().unwrap().len();
    assert!(findings >= 400, "{findings}");
    let budget = 4 * text.len() + 1024 * findings;
    assert!(
        html.len() < budget,
        "{} bytes of HTML for {} bytes and {findings} findings (budget {budget})",
        html.len(),
        text.len()
    );
    assert_findings_highlighted(&page(&html), &json, &[&text]);
}

#[test]
fn markdown_structures_render_and_keep_every_byte() {
    let md = concat!(
        "Setext headline\n===============\n\n",
        "- Officials said the plan *is expected to* pass.\n",
        "  - nested **“quote** without end\n",
        "- second item with `code`\n\n",
        "1. one\n2. two\n\n",
        "> Mayor Anna Ferreira said it.\n> “We will build it,” she said.\n\n",
        "    indented code <b>\n\n",
        "Text with a footnote[^1] and a hard  \nbreak, a rule:\n\n***\n\n",
        "[^1]: The note, which officials said is true.\n\n",
        "Line with\ttab and é, 日本, 🎉 emoji “quoted words,” said Ana Lima.\r\n",
    );
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "s.md", md);
    let html = run(t.path(), &["check", "s.md", "--format", "html"]).stdout;
    assert_inert(&html);
    let json: Value =
        serde_json::from_str(&run(t.path(), &["check", "s.md", "--format", "json"]).stdout)
            .unwrap();
    assert!(
        !json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_findings_highlighted(&page(&html), &json, &[md]);
    for tag in [
        "<h3 class=\"h1\"",
        "<ul>",
        "<ol>",
        "<blockquote",
        "<pre class=\"code\"",
        "<em>",
        "<strong>",
        "<hr>",
        "<sup>",
        "<br>",
    ] {
        assert!(html.contains(tag), "no {tag}");
    }
}

#[test]
fn overlapping_findings_share_their_overlap() {
    let t = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/copydesk.toml"),
        t.path().join("copydesk.toml"),
    )
    .unwrap();
    let text = "Summit\n\nNATO Secretary-General Ingrid Halvorsen arrived on Monday.\n\n\
                \"We trust Halvorssen and her team completely to deliver this on time.\"\n";
    write(t.path(), "a.txt", text);
    let html = run(t.path(), &["check", "a.txt", "--format", "html"]).stdout;
    let json: Value =
        serde_json::from_str(&run(t.path(), &["check", "a.txt", "--format", "json"]).stdout)
            .unwrap();
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["ATT001", "PPL001"],
        "a name finding inside a quote finding"
    );
    assert_findings_highlighted(&page(&html), &json, &[text]);
    // The quote's start, the overlap (both, darker, the name's anchor), the quote's end.
    // ATT001 is a hint by default, PPL001 a warning: the overlap takes the worse.
    assert!(html.contains("<a class=\"hl s-hint\" id=\"h0-0\" href=\"#f0-0\" data-f=\"f0-0\""));
    assert!(html.contains(
        "<a class=\"hl s-warning multi\" id=\"h0-1\" href=\"#f0-1\" data-f=\"f0-0 f0-1\" \
         data-n=\"2\" aria-describedby=\"f0-0 f0-1\">Halvorssen</a>"
    ));
    assert!(html.contains("<mark class=\"hl s-hint\" data-f=\"f0-0\"> and her team"));
}
