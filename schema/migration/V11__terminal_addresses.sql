-- The SZY 206-2016 / SL 651-2014 terminal a well or gate reports through: its protocol and the five
-- address bytes the terminal puts in every frame, as ten upper-case hex digits. An address names at
-- most one device per protocol, and a device has at most one terminal.
CREATE TABLE terminal (
    protocol   text NOT NULL CHECK (protocol IN ('szy206', 'sl651')),
    address    text NOT NULL CHECK (address ~ '^[0-9A-F]{10}$'),
    device_id  text NOT NULL UNIQUE REFERENCES device (id),
    PRIMARY KEY (protocol, address)
);
