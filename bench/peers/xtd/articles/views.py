from django.shortcuts import get_object_or_404, render

from .models import Article


def home(request):
    return render(request, "articles/list.html", {"articles": Article.objects.all()[:20]})


def article(request, slug):
    return render(
        request, "articles/article.html", {"object": get_object_or_404(Article, slug=slug)}
    )
