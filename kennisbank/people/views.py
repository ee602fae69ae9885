from django.shortcuts import get_object_or_404, render

from kennisbank.taxonomy.listing import as_cards

from .models import Author


def author_list(request):
    authors = Author.objects.filter(live=True)
    return render(request, "people/author_list.html", {"authors": authors})


def author_detail(request, slug):
    from kennisbank.articles.models import ArticlePage

    author = get_object_or_404(Author, slug=slug, live=True)
    articles = as_cards(
        ArticlePage.objects.live()
        .public()
        .filter(article_authors__author=author)
        .order_by("-first_published_at")
    )
    return render(request, "people/author_detail.html", {"author": author, "articles": articles})
