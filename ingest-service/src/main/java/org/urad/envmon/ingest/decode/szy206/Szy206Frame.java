package org.urad.envmon.ingest.decode.szy206;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One SZY 206 frame {@code 68H L 68H C [DIVS] A AFN data CS 16H}, checked but not interpreted.
 *
 * @param control the control byte C: D7 direction (1 = from the terminal), D6 split (DIV), D5..D4
 *     frame count (FCB), D3..D0 function code (the data type of a report)
 * @param divs the split-frame count that follows C when DIV is set, or {@code null}
 * @param address the five address bytes (A1: administrative code, BCD; A2: station number)
 * @param afn the application function code
 * @param data the data field after AFN, up to the check byte (alarm/status words and Tp included)
 */
public record Szy206Frame(int control, Integer divs, byte[] address, int afn, byte[] data) {

    public static final int DIR_UP = 0x80;
    public static final int DIV = 0x40;

    public Szy206Frame {
        if (address.length != 5) {
            throw new IllegalArgumentException("address must be 5 bytes");
        }
        if (((control & DIV) != 0) != (divs != null)) {
            throw new IllegalArgumentException("DIVS present exactly when the control byte's DIV bit is set");
        }
        address = address.clone();
        data = data.clone();
    }

    public boolean fromTerminal() {
        return (control & DIR_UP) != 0;
    }

    /** D3..D0 of the control byte. */
    public int function() {
        return control & 0x0F;
    }

    /** D5..D4 of the control byte. */
    public int fcb() {
        return (control >> 4) & 0x03;
    }

    /** The address as ten upper-case hex digits, as the registry holds it. */
    public String addressHex() {
        return HexFormat.of().withUpperCase().formatHex(address);
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Szy206Frame f
                && f.control == control
                && Objects.equals(f.divs, divs)
                && Arrays.equals(f.address, address)
                && f.afn == afn
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(control, divs, Arrays.hashCode(address), afn, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of().withUpperCase();
        return String.format(
                "Szy206Frame[C=%02X, DIVS=%s, A=%s, AFN=%02X, data=%s]",
                control, divs, addressHex(), afn, hex.formatHex(data));
    }
}
