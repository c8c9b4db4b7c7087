//! `release NEW_FILE.csv [DATA_DIR]`: puts next year's release of an official file in place
//! in one step, then checks the folder and says what the new release revised.
//!
//! The entry it replaces is the `site.json` file whose name, once the year range is removed,
//! is the new file's ([`release_key`]). The old file moves into `previous/` beside it
//! (replacing an older previous release), the new one is copied in under its own name, the
//! `.meta.csv` is renamed to match, the entry's `path` and `meta` are rewritten in the text
//! of `site.json` (nothing else in it changes), `SHA256SUMS` (when the folder has one)
//! follows the files, and then the folder is checked as `check` does.

use std::path::Path;

use crate::core::check;
use crate::core::config::SiteConfig;
use crate::core::revisions::{release_key, SHOWN};

/// SHA-256 (FIPS 180-4) of a file's bytes, for `SHA256SUMS`; no crate needed.
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 of `data`, as 64 lower-case hex digits.
pub fn sha256_hex(data: &[u8]) -> String {
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    // Padding: 0x80, zeros to 56 mod 64, then the message length in bits (big-endian u64).
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    let mut w = [0u32; 64];
    for block in msg.chunks_exact(64) {
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}


fn name_of(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") }
}

/// Replaces the one occurrence of the JSON string `"old"` after `"key":` in `text`.
fn replace_value(text: &str, key: &str, old: &str, new: &str) -> Result<String, String> {
    let quoted = format!("\"{old}\"");
    let hits: Vec<usize> = text
        .match_indices(&quoted)
        .map(|(i, _)| i)
        .filter(|&i| text[..i].trim_end().strip_suffix(':').is_some_and(|b| b.trim_end().ends_with(&format!("\"{key}\""))))
        .collect();
    match hits.as_slice() {
        [i] => Ok(format!("{}\"{new}\"{}", &text[..*i], &text[i + quoted.len()..])),
        [] => Err(format!("site.json has no \"{key}\": \"{old}\"")),
        _ => Err(format!("site.json has \"{key}\": \"{old}\" {} times", hits.len())),
    }
}

/// Puts `new` in place in `data` and prints each step, the problems `check` finds and the
/// revisions; `all`: every revised figure, not the first [`SHOWN`]. `Ok(false)` when the
/// check found errors; `Err` when nothing was changed (no entry matches, a file is missing).
pub fn release(new: &Path, data: &Path, all: bool) -> Result<bool, String> {
    let new_name = new.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !new_name.ends_with(".csv") || new_name.ends_with(".meta.csv") {
        return Err(format!("{}: a release is a data file ending .csv (not a .meta.csv)", new.display()));
    }
    let new_bytes = std::fs::read(new).map_err(|e| format!("{}: {e}", new.display()))?;
    let site = data.join("site.json");
    let text = std::fs::read_to_string(&site).map_err(|e| format!("{}: {e}", site.display()))?;
    let config = SiteConfig::parse(&site.to_string_lossy(), &text).map_err(|e| e.to_string())?;
    let key = release_key(&new_name);
    let matches: Vec<_> = config.files.iter().filter(|f| release_key(&f.path) == key).collect();
    let entry = match matches.as_slice() {
        [e] => *e,
        [] => {
            let listed: Vec<&str> = config.files.iter().filter(|f| f.sliced).map(|f| name_of(&f.path)).collect();
            return Err(format!(
                "no entry in {} \"files\" is an earlier release of {new_name}: none has a file named \"{key}\" once the year range is removed (the official files listed: {}). \
                 If it is a new publication, add an entry to \"files\" with its .meta.csv (see docs/data-format.md) and copy it into the folder; \
                 if DfE renamed the file beyond its years, move the old file into previous/ and edit that entry's \"path\" and \"meta\" by hand. Nothing was changed.",
                site.display(),
                listed.join(", ")
            ));
        }
        many => return Err(format!("{} entries of {} match \"{key}\" ({}); nothing was changed", many.len(), site.display(), many.iter().map(|e| e.id.as_str()).collect::<Vec<_>>().join(", "))),
    };
    let folder = entry.path.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let old_name = name_of(&entry.path).to_string();
    let old_file = data.join(&entry.path);
    let new_rel = join(&folder, &new_name);
    let dest = data.join(&new_rel);
    let old_bytes = std::fs::read(&old_file).map_err(|e| format!("{}: the listed file cannot be read ({e}); nothing was changed", old_file.display()))?;
    if old_bytes == new_bytes {
        return Err(format!("{} is already the file listed as \"{}\" ({}); nothing was changed", new.display(), entry.id, entry.path));
    }
    // The meta file follows the data file's name when it had the data file's name.
    let stem = |n: &str| n.strip_suffix(".csv").unwrap_or(n).to_string();
    let new_meta = if name_of(&entry.meta) == format!("{}.meta.csv", stem(&old_name)) { join(&folder, &format!("{}.meta.csv", stem(&new_name))) } else { entry.meta.clone() };
    // Every edit of site.json is worked out before any file moves.
    let mut new_text = text.clone();
    if new_rel != entry.path {
        new_text = replace_value(&new_text, "path", &entry.path, &new_rel)?;
    }
    if new_meta != entry.meta {
        new_text = replace_value(&new_text, "meta", &entry.meta, &new_meta)?;
    }
    let mut step = 0;
    let mut say = |s: String| {
        step += 1;
        println!("{step}. {s}");
    };
    say(format!("{new_name} is the next release of \"{}\" ({}) in {}", entry.id, entry.path, site.display()));
    let previous = join(&folder, "previous");
    let previous_dir = data.join(&previous);
    std::fs::create_dir_all(&previous_dir).map_err(|e| format!("{}: {e}", previous_dir.display()))?;
    let mut older: Vec<String> = std::fs::read_dir(&previous_dir)
        .map_err(|e| format!("{}: {e}", previous_dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv") && !n.ends_with(".meta.csv") && release_key(n) == key)
        .collect();
    older.sort();
    for o in &older {
        std::fs::remove_file(previous_dir.join(o)).map_err(|e| format!("{}: {e}", previous_dir.join(o).display()))?;
        say(format!("removed the older previous release {previous}/{o}"));
    }
    let kept = previous_dir.join(&old_name);
    std::fs::rename(&old_file, &kept).map_err(|e| format!("moving {} to {}: {e}", old_file.display(), kept.display()))?;
    say(format!("moved {} to {previous}/{old_name} (the previous release, kept unchanged to compare with)", entry.path));
    std::fs::write(&dest, &new_bytes).map_err(|e| format!("{}: {e}", dest.display()))?;
    say(format!("copied {} to {new_rel}", new.display()));
    if new_meta != entry.meta {
        std::fs::rename(data.join(&entry.meta), data.join(&new_meta)).map_err(|e| format!("renaming {}: {e}", entry.meta))?;
        say(format!("renamed {} to {new_meta}", entry.meta));
    } else {
        say(format!("kept {} (its name does not follow the data file's)", entry.meta));
    }
    if new_text != text {
        std::fs::write(&site, &new_text).map_err(|e| format!("{}: {e}", site.display()))?;
        say(format!("rewrote the entry \"{}\" in site.json: \"path\": \"{new_rel}\", \"meta\": \"{new_meta}\" (the rest of site.json is as it was)", entry.id));
    }
    let sums = data.join(&folder).join("SHA256SUMS");
    if let Ok(listed) = std::fs::read_to_string(&sums) {
        let line = |bytes: &[u8], path: &str| format!("{}  {path}", sha256_hex(bytes));
        let path_of = |l: &str| l.split_once(' ').map(|(_, p)| p.trim_start_matches([' ', '*']).to_string()).unwrap_or_default();
        let gone: Vec<String> = older.iter().map(|o| format!("previous/{o}")).chain([format!("previous/{old_name}"), new_name.clone()]).collect();
        let mut lines: Vec<String> = Vec::new();
        for l in listed.lines() {
            let p = path_of(l);
            if p == old_name {
                lines.push(line(&new_bytes, &new_name));
            } else if !gone.contains(&p) {
                lines.push(l.to_string());
            }
        }
        if !lines.iter().any(|l| path_of(l) == new_name) {
            lines.push(line(&new_bytes, &new_name));
        }
        lines.push(line(&old_bytes, &format!("previous/{old_name}")));
        std::fs::write(&sums, lines.join("\n") + "\n").map_err(|e| format!("{}: {e}", sums.display()))?;
        say(format!("updated {folder}/SHA256SUMS: {new_name} and previous/{old_name}"));
    }
    say(format!("checked {} as `check` does:", data.display()));
    let report = check::check_dir(data);
    for p in &report.problems {
        println!("{p}");
    }
    let rows: usize = report.tables.iter().map(|(_, t)| t.rows()).sum();
    println!("checked {} file(s), {rows} row(s): {} error(s), {} warning(s)", report.tables.len(), report.errors(), report.warnings());
    match report.tables.iter().find(|(id, _)| *id == entry.id) {
        Some((_, table)) => {
            let mut r = check::revisions_of(data, &join(&previous, &old_name), table, entry.source.as_deref()).map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))?;
            r.measures(&config, &entry.id);
            r.limit = if all { usize::MAX } else { SHOWN };
            println!("what the new release changed:");
            println!("{r}");
        }
        None => println!("{new_rel} did not load, so its revisions are not known: correct the problems above (its meta file describes the previous release's columns until you edit it)"),
    }
    Ok(report.errors() == 0)
}

