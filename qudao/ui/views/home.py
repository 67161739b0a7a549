from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from qudao.ui.widgets import home_widgets


@login_required
def home(request):
    return render(request, "ui/home.html", {"widgets": home_widgets(request.user)})
