module example.com/outlet-sam-app

go 1.19
