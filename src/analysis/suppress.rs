//! Inline control comments: `<!-- copydesk-disable-next-line CODE -->`,
//! `<!-- copydesk-disable CODE -->` … `<!-- copydesk-enable CODE -->`.
//! A comment without codes applies to every rule; codes may be rule codes or names, separated by
//! spaces or commas.

use super::range::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Region {
    /// Upper-case codes or lower-case names; empty means every rule.
    rules: Vec<String>,
    range: TextRange,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suppressions {
    regions: Vec<Region>,
}

/// Collects comments in order, then closes open `disable` regions at the end of the text.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    done: Vec<Region>,
    open: Vec<(Vec<String>, usize)>,
}

impl Builder {
    /// Reads one HTML comment at `range` of `text`. Anything that is not a copydesk comment is ignored.
    pub(crate) fn comment(&mut self, text: &str, range: TextRange) {
        let raw = range.slice(text).trim();
        let Some(body) = raw.strip_prefix("<!--").and_then(|b| b.strip_suffix("-->")) else {
            return;
        };
        let body = body.trim();
        let (directive, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        let rules: Vec<String> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect();
        match directive {
            "copydesk-disable-next-line" => {
                let line_end = text[range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| range.end + i + 1);
                let next_end = text[line_end..]
                    .find('\n')
                    .map_or(text.len(), |i| line_end + i);
                self.done.push(Region {
                    rules,
                    range: TextRange::new(line_end, next_end),
                });
            }
            "copydesk-disable-line" => {
                let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let end = text[range.end..]
                    .find('\n')
                    .map_or(text.len(), |i| range.end + i);
                self.done.push(Region {
                    rules,
                    range: TextRange::new(start, end),
                });
            }
            "copydesk-disable" => self.open.push((rules, range.end)),
            "copydesk-enable" => {
                // Close every open region that this comment names (all of them when it names none).
                let mut i = 0;
                while i < self.open.len() {
                    let names_it = rules.is_empty()
                        || self.open[i].0.is_empty()
                        || self.open[i]
                            .0
                            .iter()
                            .any(|r| rules.iter().any(|q| q.eq_ignore_ascii_case(r)));
                    if names_it {
                        let (r, start) = self.open.remove(i);
                        self.done.push(Region {
                            rules: r,
                            range: TextRange::new(start, range.start),
                        });
                    } else {
                        i += 1;
                    }
                }
            }
            _ => {}
        }
    }

    pub(crate) fn finish(mut self, text_len: usize) -> Suppressions {
        for (rules, start) in self.open.drain(..) {
            self.done.push(Region {
                rules,
                range: TextRange::new(start, text_len),
            });
        }
        Suppressions { regions: self.done }
    }
}

/// Whether `s` looks like a copydesk control comment (used to find them in plain text).
pub(crate) fn is_control_comment(s: &str) -> bool {
    s.trim_start_matches("<!--")
        .trim_start()
        .starts_with("copydesk-")
}

impl Suppressions {
    /// Whether a finding of rule `code`/`name` starting at `offset` is switched off inline.
    pub fn is_suppressed(&self, code: &str, name: &str, offset: usize) -> bool {
        self.regions.iter().any(|r| {
            r.range.touches(offset)
                && (r.rules.is_empty()
                    || r.rules
                        .iter()
                        .any(|x| x.eq_ignore_ascii_case(code) || x.eq_ignore_ascii_case(name)))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(text: &str) -> Suppressions {
        let mut b = Builder::default();
        let mut from = 0;
        while let Some(i) = text[from..].find("<!--") {
            let start = from + i;
            let end = text[start..]
                .find("-->")
                .map_or(text.len(), |j| start + j + 3);
            b.comment(text, TextRange::new(start, end));
            from = end;
        }
        b.finish(text.len())
    }

    #[test]
    fn next_line_and_regions() {
        let text = "a\n<!-- copydesk-disable-next-line ATT006 -->\nbad line\nok line\n<!-- copydesk-disable -->\nx\n<!-- copydesk-enable -->\ny\n";
        let s = build(text);
        let bad = text.find("bad").unwrap();
        let ok = text.find("ok line").unwrap();
        assert!(s.is_suppressed("ATT006", "unbalanced-quotes", bad));
        assert!(!s.is_suppressed("ATT001", "quote-without-speaker", bad));
        assert!(!s.is_suppressed("ATT006", "unbalanced-quotes", ok));
        assert!(s.is_suppressed("NUM001", "count-mismatch", text.find("x\n").unwrap()));
        assert!(!s.is_suppressed("NUM001", "count-mismatch", text.find("y\n").unwrap()));
    }

    #[test]
    fn names_work_like_codes() {
        let text = "<!-- copydesk-disable unbalanced-quotes -->\n\"open\n";
        let s = build(text);
        assert!(s.is_suppressed("ATT006", "unbalanced-quotes", text.find('"').unwrap()));
    }
}
