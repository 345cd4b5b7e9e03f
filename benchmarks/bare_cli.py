"""The floor of figure 5: a bare click command line of the app's shape (a group with one subcommand
that prints its version), so a command's start-up is compared with what any click CLI costs."""

import click


@click.group()
@click.version_option("0.0", "-V", "--version", prog_name="bare")
def main() -> None:
    """A bare command line."""


@main.command()
def version() -> None:
    """Print the version."""
    click.echo("bare 0.0")


if __name__ == "__main__":
    main()
