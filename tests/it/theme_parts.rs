//! The default stylesheet and script are joined from parts, after the
//! dossier's theme is laid over the default: a dossier that brings one
//! part (its colours, `static/css/tokens.css`) gets it in `style.css`,
//! with every other default rule kept.

use std::path::Path;

use crate::support::{build, copy_tree, fixture, repo};

const CSS_PARTS: [&str; 6] = ["tokens", "base", "layout", "components", "pages", "print"];

fn default_part(name: &str) -> String {
    std::fs::read_to_string(repo().join("themes/default/static/css").join(format!("{name}.css"))).unwrap()
}

/// The `dated` fixture, with `theme: newsroom` and that theme's own tokens.
fn dossier_with_tokens(dir: &Path, tokens: &str) {
    copy_tree(&fixture("dated"), dir);
    let site = dir.join("content/site.yaml");
    let yaml = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("{yaml}theme: newsroom\n")).unwrap();
    let css = dir.join("themes/newsroom/static/css");
    std::fs::create_dir_all(&css).unwrap();
    std::fs::write(css.join("tokens.css"), tokens).unwrap();
}

#[test]
fn style_css_is_the_default_parts_joined_in_order() {
    let site = build(&fixture("dated"));
    let joined: String = CSS_PARTS.iter().map(|p| default_part(p)).collect();
    assert!(site.files["assets/style.css"] == joined.as_bytes(), "style.css is not tokens, base, …, print joined");
    assert!(
        !site.files.keys().any(|p| p.starts_with("assets/css/") || p.starts_with("assets/js/")),
        "a part published alone"
    );
}

#[test]
fn a_dossiers_own_tokens_replace_the_default_tokens_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let tokens = ":root {\n  --bg: #fffdf5;\n  --link: #0b4f8a;\n}\n";
    dossier_with_tokens(dir.path(), tokens);
    let site = build(dir.path());

    let css = std::str::from_utf8(&site.files["assets/style.css"]).unwrap();
    let rest: String = CSS_PARTS[1..].iter().map(|p| default_part(p)).collect();
    assert_eq!(css.strip_prefix(tokens), Some(rest.as_str()), "the dossier's tokens, then every default rule");
    assert!(!css.contains(&default_part("tokens")), "the default tokens are replaced");

    let plain = build(&fixture("dated"));
    assert_eq!(site.files["assets/dossier.js"], plain.files["assets/dossier.js"], "the script is the default's");
    let page = String::from_utf8_lossy(&site.files["index.html"]).into_owned();
    assert_eq!(page.matches("assets/style.css").count(), 1, "still one stylesheet");
    assert!(!site.files.keys().any(|p| p.starts_with("assets/css/")), "the part is not published alone");
}
