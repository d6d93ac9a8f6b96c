  ready(function () {
    fixLinks(document);
    initArticle();
  });
})();
