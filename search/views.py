from django.http import JsonResponse
from django.shortcuts import render


def search_page(request):
    return render(request, "pages/search.html", {"query": request.GET.get("q", "")})


def search_api(request):
    return JsonResponse({"count": 0, "results": []})
