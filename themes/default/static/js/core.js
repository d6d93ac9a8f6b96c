/*
 * dossier.js: progressive enhancement only. Every page works without it:
 * each highlight is followed by a link to its claim, and the article's list
 * of annotations links every passage and every claim.
 *
 * 1. From disk (file:), links and form actions to folders are pointed at
 *    their index.html.
 * 2. On an article page:
 *    - hovering or focusing a highlight shows a card (#hl-card) with the
 *      claim, stance, speaker, channel and note of every annotation over
 *      that point; Enter on a highlight moves into the card, Escape closes it;
 *    - the keys n and p move to the next and previous highlight, and a
 *      polite live region (#hl-status) says which one ("3 of 28");
 *    - a filter bar (#ann-filters) above the list of annotations shows them
 *      by stance, claim and actor; the highlights of hidden ones are dimmed.
 *
 * Everything the card and the filters show is read from the list of
 * annotations already in the page: nothing is fetched.
 */
(function () {
  'use strict';

  function ready(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') {
        node.textContent = attrs[k];
      } else {
        node.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

