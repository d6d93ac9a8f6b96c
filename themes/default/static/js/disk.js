  /* ---------------------------------------------------------------- */
  /* 1. Opened from disk                                               */
  /* ---------------------------------------------------------------- */

  /*
   * From disk, a link to a directory ("../claims/x/") shows a file listing
   * or nothing: there is no server to answer with the directory's
   * index.html. Served over http(s), clean directory URLs are left alone.
   */
  // A scheme ("https:", "mailto:") or "//host" means the link leaves the site.
  var EXTERNAL = /^(?:[a-z][a-z0-9+.\-]*:|\/\/)/i;

  function rewrite(href) {
    if (EXTERNAL.test(href)) {
      return null;
    }
    // Split off "?query" and "#fragment": only the path decides.
    var cut = href.search(/[?#]/);
    var path = cut === -1 ? href : href.slice(0, cut);
    var rest = cut === -1 ? '' : href.slice(cut);
    if (path === '' || path.charAt(path.length - 1) !== '/') {
      return null;
    }
    return path + 'index.html' + rest;
  }

  function fixLinks(root) {
    if (window.location.protocol !== 'file:') {
      return;
    }
    var links = root.querySelectorAll('a[href], area[href]');
    for (var i = 0; i < links.length; i++) {
      var fixed = rewrite(links[i].getAttribute('href'));
      if (fixed !== null) {
        links[i].setAttribute('href', fixed);
      }
    }
    // The header's search form goes to a folder too.
    var forms = root.querySelectorAll('form[action]');
    for (var j = 0; j < forms.length; j++) {
      var action = rewrite(forms[j].getAttribute('action'));
      if (action !== null) {
        forms[j].setAttribute('action', action);
      }
    }
  }

