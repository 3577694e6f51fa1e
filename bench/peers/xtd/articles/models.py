from django.db import models
from django.urls import reverse


class Article(models.Model):
    """The page django-comments-xtd's comments hang on (its docs' example is a blog post)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    body = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.slug])
