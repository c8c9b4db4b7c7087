//! Axis scales: "nice" tick values and linear mapping.

/// Ticks covering `[min, max]` with round steps (1, 2, 2.5 or 5 × 10ⁿ, but never 2.5 itself), about `target`
/// of them, starting at or below `min` and ending at or above `max`.
pub fn nice_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    let (min, max) = if min <= max { (min, max) } else { (max, min) };
    if !min.is_finite() || !max.is_finite() {
        return vec![0.0, 1.0];
    }
    // A range too wide for f64 (e.g. ±9e307) has no round steps; avoid looping forever.
    if !(max - min).is_finite() {
        return vec![min, max];
    }
    if (max - min).abs() < f64::EPSILON {
        let v = if max == 0.0 { 1.0 } else { max.abs() };
        return nice_ticks(min.min(0.0), v.max(max), target);
    }
    let raw_step = (max - min) / target.max(1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    // No step of 2.5: its ticks (2.5, 7.5) would need a decimal on axes of whole numbers.
    let multiples: &[f64] = if (magnitude - 1.0).abs() < 1e-12 { &[1.0, 2.0, 5.0, 10.0] } else { &[1.0, 2.0, 2.5, 5.0, 10.0] };
    let step = multiples
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw_step)
        .unwrap_or(10.0 * magnitude);
    let start = (min / step).floor() * step;
    // Round away float noise such as 0.6000000000000001 at the step's precision.
    let scale = 10f64.powi((-(step.log10().floor()) as i32 + 2).max(0));
    let mut ticks = Vec::new();
    let mut i = 0;
    loop {
        let t = ((start + step * i as f64) * scale).round() / scale;
        ticks.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        if t >= max - step * 1e-9 {
            break;
        }
        i += 1;
    }
    ticks
}

/// Decimals needed to print every tick exactly (7.5 needs one: printed as "8" it would
/// label the wrong height), at most 4.
pub fn tick_decimals(ticks: &[f64]) -> u8 {
    let exact = |t: f64, d: i32| {
        let scaled = t * 10f64.powi(d);
        (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
    };
    ticks.iter().map(|&t| (0..=4).find(|&d| exact(t, d)).unwrap_or(4) as u8).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_data_with_round_steps() {
        assert_eq!(nice_ticks(0.0, 110.0, 5), vec![0.0, 25.0, 50.0, 75.0, 100.0, 125.0]);
        assert_eq!(nice_ticks(0.0, 100.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 0.9, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let t = nice_ticks(0.0, 1_234_567.0, 5);
        assert_eq!(t.first(), Some(&0.0));
        assert!(*t.last().unwrap() >= 1_234_567.0);
    }

    #[test]
    fn flat_and_reversed_input() {
        assert_eq!(nice_ticks(0.0, 0.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(10.0, 0.0, 5), nice_ticks(0.0, 10.0, 5));
    }

    #[test]
    fn huge_ranges_terminate() {
        assert_eq!(nice_ticks(-9e307, 9e307, 5), vec![-9e307, 9e307]);
        assert_eq!(nice_ticks(f64::NAN, 1.0, 5), vec![0.0, 1.0]);
    }

    #[test]
    fn decimals_for_ticks() {
        assert_eq!(tick_decimals(&[0.0, 25.0, 50.0]), 0);
        assert_eq!(tick_decimals(&[0.0, 0.5, 1.0]), 1);
        assert_eq!(tick_decimals(&[0.0, 0.25, 0.5]), 2);
        assert_eq!(tick_decimals(&[0.0, 2.5, 5.0, 7.5]), 1, "7.5 printed as 8 would mislabel its gridline");
        assert_eq!(tick_decimals(&[0.0, 0.1 + 0.2, 0.6]), 1, "float noise needs no extra decimals");
    }

    #[test]
    fn small_axes_step_by_whole_numbers() {
        assert_eq!(nice_ticks(0.0, 12.0, 5), vec![0.0, 5.0, 10.0, 15.0]);
        assert!(nice_ticks(0.0, 9.0, 4).iter().all(|t| t.fract() == 0.0));
    }
}
