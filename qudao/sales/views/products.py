from django.utils.translation import gettext_lazy

from qudao.accounts.permissions import can_write_master_data
from qudao.core.money import format_yuan
from qudao.ui.imports import ImportView
from qudao.ui.views import ScopedDetailView, ScopedListView, ServiceFormView

from .. import services
from ..exports import product_table
from ..filtersets import ProductFilterSet
from ..forms import ProductForm
from ..importers import ProductImporter
from ..selectors import products_visible_to
from ..tables import ProductTable


class ProductListView(ScopedListView):
    scope = staticmethod(products_visible_to)
    filterset_class = ProductFilterSet
    table_class = ProductTable
    title = gettext_lazy("Products")
    exporter = staticmethod(product_table)
    export_name = "products"
    actions = (
        (gettext_lazy("New product"), "sales:product_create", can_write_master_data),
        (gettext_lazy("Import"), "sales:product_import", can_write_master_data),
    )


class ProductDetailView(ScopedDetailView):
    scope = staticmethod(products_visible_to)
    template_name = "sales/product_detail.html"
    fields = ("code", "name", "category", "term_months", "is_renewable", "active_from", "active_to")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        context["summary"] += [
            (gettext_lazy("monthly fee (yuan)"), format_yuan(product.monthly_fee_fen)),
            (gettext_lazy("premium (yuan)"), format_yuan(product.premium_fen)),
        ]
        context["can_edit"] = can_write_master_data(self.request.user)
        return context


class ProductCreateView(ServiceFormView):
    scope = staticmethod(products_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = ProductForm
    title = gettext_lazy("New product")
    needs_object = False

    def perform(self, form):
        return services.product_create(code=form.cleaned_data["code"], data=form.service_data(), by=self.request.user)


class ProductEditView(ServiceFormView):
    scope = staticmethod(products_visible_to)
    permission = staticmethod(can_write_master_data)
    form_class = ProductForm
    title = gettext_lazy("Edit product")

    def get_form_kwargs(self):
        instance = type(self.object).objects.get(pk=self.object.pk)
        return {**super().get_form_kwargs(), "instance": instance, "editing": True}

    def perform(self, form):
        return services.product_update(product=self.object, data=form.service_data(), by=self.request.user)


class ProductImportView(ImportView):
    importer = ProductImporter
    permission = staticmethod(can_write_master_data)
    title = gettext_lazy("Import products")
    back_url_name = "sales:product_list"
