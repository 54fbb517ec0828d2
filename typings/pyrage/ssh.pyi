# Type stubs for pyrage.ssh (see __init__.pyi).
class Recipient:
    @classmethod
    def from_str(cls, v: str) -> Recipient: ...

class Identity:
    @classmethod
    def from_buffer(cls, buf: bytes) -> Identity: ...
