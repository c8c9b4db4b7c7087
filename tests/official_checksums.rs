//! The Department for Education's files in `data/official/` are kept byte for byte as
//! published: every file listed in `data/official/SHA256SUMS` must still have its checksum,
//! and every official CSV there must be listed. Our own `.meta.csv` files sit beside them and
//! are not DfE's, so they are not in `SHA256SUMS`.
//!
//! SHA-256 (FIPS 180-4) is implemented here so that the check needs no extra crate.

use std::fs;
use std::path::{Path, PathBuf};

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
fn sha256_hex(data: &[u8]) -> String {
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

fn official_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join("official")
}

/// `(hex digest, relative path)` for every line of `SHA256SUMS` (`sha256sum` format:
/// digest, two spaces or space and `*`, path relative to `data/official/`).
fn sums() -> Vec<(String, String)> {
    let text = fs::read_to_string(official_dir().join("SHA256SUMS")).expect("data/official/SHA256SUMS is readable");
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (digest, rest) = line.split_at(line.find(' ').unwrap_or_else(|| panic!("SHA256SUMS line {}: no space", n + 1)));
        let path = rest.strip_prefix("  ").or_else(|| rest.strip_prefix(" *"));
        let path = path.unwrap_or_else(|| panic!("SHA256SUMS line {}: expected two spaces after the digest", n + 1));
        assert!(
            digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()),
            "SHA256SUMS line {}: {digest:?} is not a SHA-256 digest",
            n + 1
        );
        out.push((digest.to_ascii_lowercase(), path.to_string()));
    }
    out
}

#[test]
fn sha256_known_answers() {
    assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Two-block message (FIPS 180-4 example), and one whose padding spills into a second block.
    assert_eq!(
        sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(sha256_hex(&[b'a'; 1000]), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

#[test]
fn official_files_match_sha256sums() {
    let sums = sums();
    assert!(!sums.is_empty(), "SHA256SUMS lists files");
    let mut bad = Vec::new();
    for (digest, path) in &sums {
        let bytes = fs::read(official_dir().join(path)).unwrap_or_else(|e| panic!("data/official/{path}: {e}"));
        let actual = sha256_hex(&bytes);
        if &actual != digest {
            bad.push(format!("data/official/{path}: SHA-256 {actual}, SHA256SUMS says {digest}"));
        }
    }
    assert!(bad.is_empty(), "official files changed (they must stay byte for byte as published):\n{}", bad.join("\n"));
}

#[test]
fn every_official_csv_is_listed_in_sha256sums() {
    let listed: Vec<String> = sums().into_iter().map(|(_, p)| p).collect();
    let mut unlisted = Vec::new();
    for (sub, prefix) in [(official_dir(), ""), (official_dir().join("previous"), "previous/")] {
        for entry in fs::read_dir(&sub).unwrap_or_else(|e| panic!("{}: {e}", sub.display())) {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            // Our metadata files are not DfE's: they are not checksummed.
            if !name.ends_with(".csv") || name.ends_with(".meta.csv") {
                continue;
            }
            let rel = format!("{prefix}{name}");
            if !listed.contains(&rel) {
                unlisted.push(rel);
            }
        }
    }
    assert!(unlisted.is_empty(), "CSV files in data/official not listed in SHA256SUMS: {unlisted:?}");
}
