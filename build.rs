//! Embeds `themes/default/` in the binary, so `dossier` builds a dossier
//! anywhere, even one without a `themes/` folder of its own.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let theme = Path::new("themes/default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files: Vec<_> = walkdir::WalkDir::new(theme)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("themes/default is readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut out = String::from(
        "/// The default theme's files: (path inside the theme, bytes).\npub(crate) static FILES: &[(&str, &[u8])] = &[\n",
    );
    for path in files {
        let name = path.strip_prefix(theme).expect("walked below the theme");
        let name = name.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let absolute = fs::canonicalize(&path).expect("theme file exists");
        writeln!(out, "    ({name:?}, include_bytes!({:?})),", absolute.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_theme.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
