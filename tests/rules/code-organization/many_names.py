# A grab-bag module: too many functions, module variables and methods.

__all__ = ["Client"]
__version__ = "1.0"
HOST = "host"
PORT = "port"
USER = "user"
TIMEOUT = "timeout"
RETRIES = "retries"
REGION = "region"
ZONE = "zone"
FLAVOR = "flavor"
IMAGE = "image"
NETWORK = "network"
SUBNET = "subnet"
ROUTER = "router"
VOLUME = "volume"
SNAPSHOT = "snapshot"
BACKUP = "backup"
QUOTA = "quota"
PROJECT = "project"
DOMAIN = "domain"
ROLE = "role"
TOKEN = "token"
ENDPOINT = "endpoint"
HOST = "localhost"  # rebinding a name does not add a variable


def list_servers(client):
    return client.list("servers")


def show_servers(client):
    return client.show("servers")


def create_servers(client):
    return client.create("servers")


def delete_servers(client):
    return client.delete("servers")


def update_servers(client):
    return client.update("servers")


def list_flavors(client):
    return client.list("flavors")


def show_flavors(client):
    return client.show("flavors")


def create_flavors(client):
    return client.create("flavors")


def delete_flavors(client):
    return client.delete("flavors")


def update_flavors(client):
    return client.update("flavors")


def list_images(client):
    return client.list("images")


def show_images(client):
    return client.show("images")


def create_images(client):
    return client.create("images")


def delete_images(client):
    return client.delete("images")


def update_images(client):
    return client.update("images")


def list_networks(client):
    return client.list("networks")


def show_networks(client):
    return client.show("networks")


def create_networks(client):
    return client.create("networks")


def delete_networks(client):
    return client.delete("networks")


def update_networks(client):
    return client.update("networks")


def list_volumes(client):
    return client.list("volumes")


def show_volumes(client):
    return client.show("volumes")


def create_volumes(client):
    return client.create("volumes")


def delete_volumes(client):
    return client.delete("volumes")


def update_volumes(client):
    return client.update("volumes")


def list_ports(client):
    return client.list("ports")


def show_ports(client):
    return client.show("ports")


def create_ports(client):
    return client.create("ports")


def delete_ports(client):
    return client.delete("ports")


def update_ports(client):
    return client.update("ports")


def list_routers(client):
    return client.list("routers")


class Client:
    def call_0(self):
        return 0

    def call_1(self):
        return 1

    def call_2(self):
        return 2

    def call_3(self):
        return 3

    def call_4(self):
        return 4

    def call_5(self):
        return 5

    def call_6(self):
        return 6

    def call_7(self):
        return 7

    def call_8(self):
        return 8

    def call_9(self):
        return 9

    def call_10(self):
        return 10

    def call_11(self):
        return 11

    def call_12(self):
        return 12

    def call_13(self):
        return 13

    def call_14(self):
        return 14

    def call_15(self):
        return 15

    def call_16(self):
        return 16

    def call_17(self):
        return 17

    def call_18(self):
        return 18

    def call_19(self):
        return 19

    def call_20(self):
        return 20
