//! Feature hashing: mapping words and character n-grams to rows of a fixed
//! table, the "hashing trick" of linear text models.
//!
//! A model over hashed features needs no vocabulary: any string maps to a
//! row and a sign. Collisions are tolerated (the signs make them cancel out
//! on average). The hash is fixed and seeded the same everywhere, so a model
//! trained natively gives the same answers in the browser.

/// A hashed feature: its bucket and signed value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    /// Row of the weight table.
    pub bucket: u32,
    /// Signed value (the sign comes from the hash).
    pub value: f32,
}

/// A 64-bit hash of a feature kind and its parts (FxHash-style mixing,
/// fixed seeds: the same text gives the same features on every machine).
pub fn hash(kind: u8, parts: &[&[u8]]) -> u64 {
    let mut h = start(kind);
    for part in parts {
        // Eight bytes a step, little-endian, the last step zero-padded.
        let mut chunks = part.chunks_exact(8);
        for chunk in &mut chunks {
            h = mix(h, u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Assembled byte by byte: a copy into a padded buffer would be
            // a call to `memcpy` for every word hashed.
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |word, &b| (word << 8) | u64::from(b));
            h = mix(h, word);
        }
        h = mix(h, 0xff);
    }
    finish(h)
}

/// A 64-bit hash of a feature kind and a few characters (n-grams): the
/// same mixing as [`hash`], one step per character.
pub fn hash_chars(kind: u8, chars: &[char]) -> u64 {
    finish(
        chars
            .iter()
            .fold(start(kind), |h, &c| mix(h, u64::from(c as u32))),
    )
}

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn start(kind: u8) -> u64 {
    u64::from(kind).wrapping_mul(K)
}

/// One step: eight bytes (or a character) into the hash.
#[inline]
fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(K)
}

/// A final avalanche so that low bits depend on every input bit.
#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Appends the feature of hash `h` in a table of `2^bits` rows.
pub fn push(out: &mut Vec<Feature>, h: u64, bits: u32) {
    let bucket = (h >> 40) as u32 & ((1u32 << bits) - 1);
    let value = if h & 1 == 0 { 1.0 } else { -1.0 };
    out.push(Feature { bucket, value });
}

/// Scales `features` to unit length, so long and short texts weigh the same.
pub fn normalize(features: &mut [Feature]) {
    let scale = 1.0 / (features.len().max(1) as f32).sqrt();
    for f in features {
        f.value *= scale;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_is_stable_and_spreads() {
        assert_eq!(hash(1, &[b"refund"]), hash(1, &[b"refund"]));
        assert_ne!(hash(1, &[b"refund"]), hash(2, &[b"refund"]));
        assert_ne!(hash(1, &[b"ab", b"c"]), hash(1, &[b"a", b"bc"]));
    }

    #[test]
    fn hash_values_are_fixed() {
        // The models are trained on these values: they must never change.
        let reference = |kind: u8, parts: &[&[u8]]| {
            let mut h = u64::from(kind).wrapping_mul(K);
            for part in parts {
                for chunk in part.chunks(8) {
                    let mut word = [0u8; 8];
                    word[..chunk.len()].copy_from_slice(chunk);
                    h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
                }
                h = (h.rotate_left(5) ^ 0xff).wrapping_mul(K);
            }
            finish(h)
        };
        let text = "fast path: привет, 你好! 0123456789abcdef";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let part = &text.as_bytes()[start..end];
                assert_eq!(hash(3, &[part]), reference(3, &[part]));
                assert_eq!(hash(2, &[b"<s>", part]), reference(2, &[b"<s>", part]));
            }
        }
        assert_eq!(hash(1, &[b"refund"]), 0x2cbd_154e_6eeb_d1c2);
        assert_eq!(hash_chars(13, &['^', 'a', 'b']), 0x2996_c869_8650_17ff);
    }

    #[test]
    fn unit_length() {
        let mut f = vec![
            Feature {
                bucket: 1,
                value: 1.0
            };
            4
        ];
        normalize(&mut f);
        assert!((f.iter().map(|f| f.value * f.value).sum::<f32>() - 1.0).abs() < 1e-6);
    }
}
