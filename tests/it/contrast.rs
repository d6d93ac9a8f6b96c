//! The default theme's colours meet WCAG AA in both schemes: 4.5:1 for text
//! (on the page, on cards, on highlights, nested highlights included) and
//! 3:1 for what is not text (focus ring, control edges). Read from the
//! custom properties of the `style.css` a build publishes, so a new colour
//! cannot slip below.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::support::build;

type Rgba = [f64; 4];

/// The default `style.css` as a build publishes it, joined from its parts:
/// built from a dossier without a theme of its own.
fn stylesheet() -> String {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/site.yaml"), "title: Colours\n").unwrap();
        let site = build(dir.path());
        let css = site.files.get("assets/style.css").expect("a style.css");
        String::from_utf8(css.clone()).unwrap()
    })
    .clone()
}

/// The custom properties of the first `:root { … }` after `from`.
fn tokens(css: &str, from: &str) -> BTreeMap<String, Rgba> {
    let start = css.find(from).unwrap_or_else(|| panic!("no {from}"));
    let root = start + css[start..].find(":root").unwrap();
    let open = root + css[root..].find('{').unwrap() + 1;
    let close = open + css[open..].find('}').unwrap();
    without_comments(&css[open..close])
        .split(';')
        .filter_map(|decl| decl.trim().strip_prefix("--")?.split_once(':'))
        .filter_map(|(name, value)| Some((name.trim().to_owned(), colour(value.trim())?)))
        .collect()
}

fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out + rest
}

/// `#rrggbb` or `rgb(r g b / a)`; anything else is not a colour token.
fn colour(v: &str) -> Option<Rgba> {
    if let Some(hex) = v.strip_prefix('#').filter(|h| h.len() == 6) {
        let ch = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok().map(f64::from);
        return Some([ch(0)?, ch(2)?, ch(4)?, 1.0]);
    }
    let inner = v.strip_prefix("rgb(")?.strip_suffix(')')?;
    let (rgb, alpha) = inner.split_once('/').unwrap_or((inner, "1"));
    let n: Vec<f64> = rgb.split_whitespace().map(|x| x.parse().unwrap()).collect();
    Some([n[0], n[1], n[2], alpha.trim().parse().unwrap()])
}

fn over(fg: Rgba, bg: Rgba) -> Rgba {
    let a = fg[3];
    [fg[0] * a + bg[0] * (1.0 - a), fg[1] * a + bg[1] * (1.0 - a), fg[2] * a + bg[2] * (1.0 - a), 1.0]
}

fn luminance(c: Rgba) -> f64 {
    let ch = |x: f64| {
        let x = x / 255.0;
        if x <= 0.03928 { x / 12.92 } else { ((x + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
}

fn ratio(a: Rgba, b: Rgba) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every (colour, ground, minimum) pair below its minimum, for one scheme.
fn failures(scheme: &str, t: &BTreeMap<String, Rgba>) -> Vec<String> {
    let c = |name: &str| *t.get(name).unwrap_or_else(|| panic!("{scheme}: no --{name}"));
    let stances = ["supports", "disputes", "context"];
    let plain = ["bg", "surface", "surface-2"];
    let mut grounds: Vec<(String, Rgba)> = plain.iter().map(|g| (g.to_string(), c(g))).collect();
    let mut tinted = Vec::new();
    // Highlights sit on the page or a card; two nested tints at most.
    for base in ["bg", "surface"] {
        for a in stances {
            let one = over(c(&format!("{a}-hl")), c(base));
            tinted.push((format!("{a}-hl on {base}"), one));
            for b in stances {
                tinted.push((format!("{b}-hl over {a}-hl on {base}"), over(c(&format!("{b}-hl")), one)));
            }
        }
    }
    let mut pairs: Vec<(&str, String, Rgba, f64)> = Vec::new();
    for fg in ["text", "muted", "link", "link-visited", "supports", "disputes", "context", "contested"] {
        pairs.extend(grounds.iter().map(|(g, bg)| (fg, g.clone(), *bg, 4.5)));
    }
    for s in ["supports", "disputes", "context", "contested"] {
        pairs.push((s, format!("{s}-bg"), c(&format!("{s}-bg")), 4.5));
    }
    for fg in ["text", "link", "link-visited"] {
        pairs.extend(tinted.iter().map(|(g, bg)| (fg, g.clone(), *bg, 4.5)));
    }
    grounds.extend(tinted);
    pairs.extend(grounds.iter().map(|(g, bg)| ("focus", g.clone(), *bg, 3.0)));
    pairs.extend(plain.iter().map(|g| ("border-strong", g.to_string(), c(g), 3.0)));
    pairs
        .into_iter()
        .filter_map(|(fg, g, bg, min)| {
            let r = ratio(c(fg), bg);
            (r < min).then(|| format!("{scheme}: --{fg} on {g}: {r:.2} < {min}"))
        })
        .collect()
}

#[test]
fn every_colour_pair_meets_wcag_aa_in_light_and_dark() {
    let css = stylesheet();
    let light = tokens(&css, ":root");
    let mut dark = light.clone();
    dark.extend(tokens(&css, "(prefers-color-scheme: dark)"));
    assert!(dark["bg"] != light["bg"], "the dark scheme was not found");
    let mut bad = failures("light", &light);
    bad.extend(failures("dark", &dark));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_checker_sees_a_failing_pair() {
    // Grey #777 on white is 4.48:1: just under AA.
    assert!(ratio([119.0, 119.0, 119.0, 1.0], [255.0; 4]) < 4.5);
    assert!((ratio([0.0, 0.0, 0.0, 1.0], [255.0; 4]) - 21.0).abs() < 1e-9);
    let mut t = tokens(&stylesheet(), ":root");
    t.insert("muted".into(), [150.0, 150.0, 150.0, 1.0]);
    assert!(failures("light", &t).iter().any(|f| f.contains("--muted on bg")));
}
