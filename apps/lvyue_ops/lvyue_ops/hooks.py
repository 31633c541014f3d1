app_name = "lvyue_ops"
app_title = "Lvyue Ops"
app_publisher = "lvyue_ops developers"
app_description = "Fulfilment operations (履约运营) for Chinese service companies on ERPNext"
app_email = "dev@lvyue.example"
app_license = "mit"

required_apps = ["erpnext"]

# Installation
# ------------
after_install = "lvyue_ops.install.after_install"
after_migrate = "lvyue_ops.install.after_migrate"
before_uninstall = "lvyue_ops.install.before_uninstall"

# Roles and workflows are records admins may edit: they are seeded once from setup/records/
# (see lvyue_ops.setup.records) instead of Frappe's fixtures, which are re-imported on every migrate.
