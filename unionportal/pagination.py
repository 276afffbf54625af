from django.core.paginator import Paginator

PER_PAGE = 25


def paginate(request, object_list, per_page=PER_PAGE, count=None):
    """The requested page of a list; a bad or too large page number gives the nearest valid page.
    ``count``: the list's length when the page already knows it, which spares the COUNT query."""
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count  # stands in for the cached_property
    return paginator.get_page(request.GET.get("page"))
