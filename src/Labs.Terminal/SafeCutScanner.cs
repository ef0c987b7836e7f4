namespace Labs.Terminal;

/// <summary>
/// Follows a terminal output stream just far enough to tell where a replay may start: outside every escape sequence
/// (ESC, CSI, OSC, DCS and the other strings) and between UTF-8 characters. A replay that starts inside one would show
/// its tail as garbage or leave the browser's parser in a string state that swallows what follows.
/// </summary>
internal sealed class SafeCutScanner
{
    private const byte Esc = 0x1b;
    private const byte Bel = 0x07;
    private const byte Can = 0x18;
    private const byte Sub = 0x1a;

    private State _state = State.Ground;
    private int _utf8Pending;

    private enum State
    {
        Ground,
        Escape,
        EscapeIntermediate,
        Csi,
        OscString,
        OtherString,
        StringEscape,
    }

    /// <summary>
    /// Feeds the next bytes of the stream and returns the largest offset <c>i</c> in <c>0..data.Length</c> such that the
    /// stream may be cut just before <c>data[i]</c>, or -1 when no position in <paramref name="data"/> is safe.
    /// </summary>
    public int Feed(ReadOnlySpan<byte> data)
    {
        var lastSafe = IsSafe ? 0 : -1;
        for (var i = 0; i < data.Length; i++)
        {
            Step(data[i]);
            if (IsSafe)
            {
                lastSafe = i + 1;
            }
        }

        return lastSafe;
    }

    private bool IsSafe => _state == State.Ground && _utf8Pending == 0;

    private void Step(byte b)
    {
        if (b is Can or Sub)
        {
            // Both abort any sequence in progress, as in a VT parser.
            _state = State.Ground;
            _utf8Pending = 0;
            return;
        }

        switch (_state)
        {
            case State.Ground:
                StepGround(b);
                break;
            case State.Escape:
                _state = b switch
                {
                    (byte)'[' => State.Csi,
                    (byte)']' => State.OscString,
                    (byte)'P' or (byte)'X' or (byte)'^' or (byte)'_' => State.OtherString,
                    >= 0x20 and <= 0x2f => State.EscapeIntermediate,
                    Esc => State.Escape,
                    < 0x20 => State.Escape, // C0 controls execute inside the sequence without ending it
                    _ => State.Ground,
                };
                break;
            case State.EscapeIntermediate:
                _state = b is >= 0x30 and <= 0x7e ? State.Ground : b == Esc ? State.Escape : State.EscapeIntermediate;
                break;
            case State.Csi:
                _state = b is >= 0x40 and <= 0x7e ? State.Ground : b == Esc ? State.Escape : State.Csi;
                break;
            case State.OscString:
                _state = b == Bel ? State.Ground : b == Esc ? State.StringEscape : State.OscString;
                break;
            case State.OtherString:
                _state = b == Esc ? State.StringEscape : State.OtherString;
                break;
            case State.StringEscape:
                // ESC \ is the string terminator; any other ESC starts a new sequence (and ends the string).
                _state = b == (byte)'\\' ? State.Ground : State.Escape;
                if (_state == State.Escape)
                {
                    Step(b);
                }

                break;
        }
    }

    private void StepGround(byte b)
    {
        if (b == Esc)
        {
            _utf8Pending = 0;
            _state = State.Escape;
            return;
        }

        if (_utf8Pending > 0 && (b & 0xc0) == 0x80)
        {
            _utf8Pending--;
            return;
        }

        // A byte that cannot continue the character ends it (the browser shows U+FFFD) and starts anew.
        _utf8Pending = b switch
        {
            >= 0xc2 and <= 0xdf => 1,
            >= 0xe0 and <= 0xef => 2,
            >= 0xf0 and <= 0xf4 => 3,
            _ => 0,
        };
    }
}
