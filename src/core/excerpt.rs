//! The lines around a problem, to show a publisher where it is: read from a file given in
//! chunks (a file of hundreds of megabytes is never held whole), counting lines as the
//! parser does (by LF; a CR before it is dropped).

/// Collects lines `line - before ..= line + after` (1-based) of a file fed in chunks.
#[derive(Clone, Debug)]
pub struct LineFinder {
    first: u64,
    last: u64,
    /// The line being read now.
    current: u64,
    partial: Vec<u8>,
    found: Vec<(u64, String)>,
    /// Line 1, kept to name the fields of the lines found.
    header: Option<String>,
}

impl LineFinder {
    pub fn new(line: u64, before: u64, after: u64) -> LineFinder {
        LineFinder { first: line.saturating_sub(before).max(1), last: line + after, current: 1, partial: Vec::new(), found: Vec::new(), header: None }
    }

    /// Reads the next chunk; true once every wanted line is found (stop reading).
    pub fn feed(&mut self, chunk: &[u8]) -> bool {
        let mut rest = chunk;
        while !rest.is_empty() && self.current <= self.last {
            let end = rest.iter().position(|&b| b == b'\n');
            let (part, more) = match end {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            if self.current >= self.first || self.current == 1 {
                self.partial.extend_from_slice(part);
            }
            match more {
                Some(m) => {
                    self.end_line();
                    rest = m;
                }
                None => break,
            }
        }
        self.current > self.last
    }

    fn end_line(&mut self) {
        if self.current >= self.first || self.current == 1 {
            let bytes = std::mem::take(&mut self.partial);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(&bytes);
            let bytes = if self.current == 1 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
            let text = String::from_utf8_lossy(bytes).into_owned();
            if self.current == 1 {
                self.header = Some(text.clone());
            }
            if self.current >= self.first {
                self.found.push((self.current, text));
            }
        }
        self.current += 1;
    }

    /// Line 1 (the header), once read.
    pub fn header(&self) -> Option<&str> {
        self.header.as_deref()
    }

    /// The lines found, with their numbers (the last line of a file need not end in LF).
    pub fn finish(mut self) -> Vec<(u64, String)> {
        if !self.partial.is_empty() && self.current <= self.last {
            self.end_line();
        }
        self.found
    }
}

/// Byte ranges of the fields of one line, split on `delimiter` outside double quotes (for
/// marking the column a problem names; a field holding a quoted line break is not split).
pub fn field_ranges(line: &str, delimiter: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            d if d == delimiter && !quoted => {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, line.len()));
    out
}

/// The delimiter a line is most likely split by: `;` or tab when it has those and no
/// commas outside quotes, else `,`.
pub fn delimiter_of(line: &str) -> u8 {
    let count = |d: u8| field_ranges(line, d).len() - 1;
    match (count(b','), count(b';'), count(b'\t')) {
        (0, s, t) if s > 0 && s >= t => b';',
        (0, _, t) if t > 0 => b'\t',
        _ => b',',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_lines_around_one_whatever_the_chunks() {
        let file = b"\xEF\xBB\xBFh1,h2\r\na,1\r\nb,2\r\nc,3\r\nd,4";
        for size in [1, 2, 3, 5, 64] {
            let mut f = LineFinder::new(3, 1, 1);
            let mut done = false;
            for chunk in file.chunks(size) {
                if f.feed(chunk) {
                    done = true;
                    break;
                }
            }
            assert!(done, "stops once line 4 is read (chunks of {size})");
            assert_eq!(f.header(), Some("h1,h2"));
            assert_eq!(f.finish(), vec![(2, "a,1".to_string()), (3, "b,2".to_string()), (4, "c,3".to_string())], "chunks of {size}");
        }
        // The header, and a last line with no line end.
        let mut f = LineFinder::new(1, 2, 0);
        f.feed(file);
        assert_eq!(f.finish(), vec![(1, "h1,h2".to_string())]);
        let mut f = LineFinder::new(5, 0, 3);
        assert!(!f.feed(file));
        assert_eq!(f.finish(), vec![(5, "d,4".to_string())]);
    }

    #[test]
    fn splits_fields_outside_quotes() {
        let line = r#"2022,"1,027",x"#;
        let r = field_ranges(line, b',');
        assert_eq!(r.iter().map(|&(a, b)| &line[a..b]).collect::<Vec<_>>(), vec!["2022", "\"1,027\"", "x"]);
        assert_eq!(delimiter_of("a;b;\"c,d\""), b';');
        assert_eq!(delimiter_of("a,b;c"), b',');
        assert_eq!(delimiter_of("a\tb"), b'\t');
    }
}
