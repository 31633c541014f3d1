def get_context(context):
	# the customer is set on the server from the portal user (Satisfaction Survey.validate)
	pass
