//! Axis scales: "nice" tick values and linear mapping.

/// Ticks covering `[min, max]` with round steps (1, 2, 2.5 or 5 × 10ⁿ), about `target`
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
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
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

/// Decimals needed to print every tick distinctly.
pub fn tick_decimals(ticks: &[f64]) -> u8 {
    let step = ticks.windows(2).map(|w| (w[1] - w[0]).abs()).fold(f64::INFINITY, f64::min);
    if !step.is_finite() || step >= 1.0 {
        return 0;
    }
    (-(step.log10().floor()) as i32).clamp(0, 4) as u8 + u8::from((step * 10f64.powi(-(step.log10().floor() as i32))).fract() > 1e-9)
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
    }
}
