# A tab-indented module with lines indented by spaces.
def resize(instance):
	if instance:
		return instance.resize()
	return None


def shelve(instance):
    instance.stop()
    instance.offload()
    return instance


def unshelve(instance):
	instance.start()
	return instance


def evacuate(instance):
	if instance:
	    instance.stop()
	return instance
