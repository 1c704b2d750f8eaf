namespace CheckTraining.Mcp.Modal;

/// <summary>
/// Turns a failed CLI run into an actionable error. Classified by exit code and message keywords, never by the panel
/// title, which changed across CLI versions.
/// </summary>
internal static class ModalErrorClassifier
{
    public static ModalCliException Classify(ModalCommand command, int exitCode, StderrTail stderr)
    {
        var tail = stderr.Summary();
        bool Has(string s) => tail.Contains(s, StringComparison.OrdinalIgnoreCase);
        var detail = string.IsNullOrEmpty(tail) ? "" : $": {tail}";

        if (Has("Token missing") || Has("authenticat") || Has("Unauthenticaed") || Has("token_id") || Has("No Modal profile"))
        {
            return new ModalCliException(ModalErrorKind.NotAuthenticated,
                $"The Modal CLI is not authenticated{detail}. Run `modal token new` (or `modal setup`) as the user running this server, " +
                "or set MODAL_TOKEN_ID/MODAL_TOKEN_SECRET or MODAL_PROFILE in its environment.");
        }

        if (Has("No space left") || Has("Errno 28"))
        {
            return new ModalCliException(ModalErrorKind.DiskFull, $"The disk is full{detail}. Free space or set CHECKTRAINING_Checkpoints__Directory to a bigger disk.");
        }

        if (Has("not found") || Has("No such file") || Has("does not exist"))
        {
            return new ModalCliException(ModalErrorKind.NotFound, $"{command.Display}: not found{detail}.");
        }

        if (Has("Could not connect"))
        {
            return new ModalCliException(ModalErrorKind.Unreachable, $"{command.Display} could not reach Modal{detail}. Check the network.");
        }

        if (exitCode == 2 && (Has("No such option") || Has("No such command") || Has("Usage:")))
        {
            return new ModalCliException(ModalErrorKind.UnsupportedVersion,
                $"{command.Display} was refused by this Modal CLI version{detail}. Upgrade with `pip install -U modal`.");
        }

        return new ModalCliException(ModalErrorKind.Failed, $"{command.Display} failed with exit code {exitCode}{detail}.");
    }
}
