package dev.rideops.stack.services;

/**
 * One user of a server's users file that rideops writes at every start (the search node's, the registry's): a name,
 * the role it is given, and the password the file stores only a hash of.
 */
record UserLogin(String name, String role, String password) {

    UserLogin {
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a user's name must be non-empty and without spaces: '" + name + "'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the user " + name + " has an empty password");
        }
    }

    @Override
    public String toString() {
        return "UserLogin[" + name + ", " + role + ", password=****]";
    }
}
